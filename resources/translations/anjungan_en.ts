<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../../ui/screens/attract.py" line="73" />
        <source>Scan your IKD QR code or digital JKN card</source>
        <translation>Scan your IKD QR code or digital JKN card</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attract.py" line="74" />
        <source>Type NIK or card number</source>
        <translation>Type NIK or card number</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attract.py" line="76" />
        <source>The camera is not working. You can still check in: press the button below to type your NIK or card number. Staff have been told.</source>
        <translation>The camera is not working. You can still check in: press the button below to type your NIK or card number. Staff have been told.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attract.py" line="80" />
        <source>That code is not an IKD or JKN card. Please show your IKD QR code or digital JKN card, or type your number.</source>
        <translation>That code is not an IKD or JKN card. Please show your IKD QR code or digital JKN card, or type your number.</translation>
    </message>
</context>
<context>
    <name>BusyScreen</name>
    <message>
        <location filename="../../ui/screens/simple.py" line="26" />
        <source>Please wait</source>
        <translation>Please wait</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="28" />
        <source>Looking up your membership…</source>
        <translation>Looking up your membership…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="29" />
        <source>Looking for today's booking and open clinics…</source>
        <translation>Looking for today's booking and open clinics…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="30" />
        <source>Preparing your queue number…</source>
        <translation>Preparing your queue number…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="32" />
        <source>One moment…</source>
        <translation>One moment…</translation>
    </message>
</context>
<context>
    <name>Counter</name>
    <message>
        <location filename="../../ui/screens/simple.py" line="84" />
        <source>Your number was not found in this clinic's list of participants.</source>
        <translation>Your number was not found in this clinic's list of participants.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="86" />
        <source>Your face has not been registered yet. Staff can register it for you.</source>
        <translation>Your face has not been registered yet. Staff can register it for you.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="88" />
        <source>Your face could not be verified. Staff will check your identity.</source>
        <translation>Your face could not be verified. Staff will check your identity.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="90" />
        <source>Your JKN membership is not active. Staff can help you further.</source>
        <translation>Your JKN membership is not active. Staff can help you further.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="92" />
        <source>Your membership status needs to be checked by staff.</source>
        <translation>Your membership status needs to be checked by staff.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="94" />
        <source>A queue number could not be issued here.</source>
        <translation>A queue number could not be issued here.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="96" />
        <source>Your membership could not be looked up right now.</source>
        <translation>Your membership could not be looked up right now.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="98" />
        <source>The kiosk has a technical problem. We are sorry.</source>
        <translation>The kiosk has a technical problem. We are sorry.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="109" />
        <source>Tickets for this clinic are not issued at this hour.</source>
        <translation>Tickets for this clinic are not issued at this hour.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="111" />
        <source>Today's quota for this clinic is full.</source>
        <translation>Today's quota for this clinic is full.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="112" />
        <source>The clinic is closed today (holiday).</source>
        <translation>The clinic is closed today (holiday).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="113" />
        <source>No new tickets for this session any more.</source>
        <translation>No new tickets for this session any more.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="114" />
        <source>No doctor practises in this clinic today.</source>
        <translation>No doctor practises in this clinic today.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="115" />
        <source>Your membership does not allow a ticket.</source>
        <translation>Your membership does not allow a ticket.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="116" />
        <source>This clinic is not available.</source>
        <translation>This clinic is not available.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="117" />
        <source>No queue numbers are available on this kiosk.</source>
        <translation>No queue numbers are available on this kiosk.</translation>
    </message>
</context>
<context>
    <name>CounterScreen</name>
    <message>
        <location filename="../../ui/app.py" line="128" />
        <location filename="../../ui/screens/simple.py" line="143" />
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="141" />
        <location filename="../../ui/screens/simple.py" line="153" />
        <source>Please go to the registration counter</source>
        <translation>Please go to the registration counter</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="142" />
        <source>COUNTER</source>
        <translation>COUNTER</translation>
    </message>
</context>
<context>
    <name>EnrolTab</name>
    <message>
        <location filename="../../ui/staff/tabs.py" line="342" />
        <source>Card number or NIK</source>
        <translation>Card number or NIK</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="346" />
        <source>The patient has read or heard this text and agrees to face enrolment</source>
        <translation>The patient has read or heard this text and agrees to face enrolment</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="347" />
        <source>Capture face and enrol</source>
        <translation>Capture face and enrol</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="349" />
        <source>Delete a face template at the patient's request (reason required):</source>
        <translation>Delete a face template at the patient's request (reason required):</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="350" />
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="351" />
        <source>Delete template</source>
        <translation>Delete template</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="354" />
        <source>Face enrolment is not available on this kiosk (face module not connected).</source>
        <translation>Face enrolment is not available on this kiosk (face module not connected).</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="369" />
        <source>Tick the consent box first.</source>
        <translation>Tick the consent box first.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="373" />
        <source>Look at the camera…</source>
        <translation>Look at the camera…</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="380" />
        <source>Face enrolled.</source>
        <translation>Face enrolled.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="384" />
        <source>Enrolment failed: %1</source>
        <translation>Enrolment failed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="393" />
        <source>Write the reason for the deletion (at least 10 characters).</source>
        <translation>Write the reason for the deletion (at least 10 characters).</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="398" />
        <source>Face template deleted.</source>
        <translation>Face template deleted.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="402" />
        <source>No face template was found for %1.</source>
        <translation>No face template was found for %1.</translation>
    </message>
</context>
<context>
    <name>ErrorScreen</name>
    <message>
        <location filename="../../ui/screens/error.py" line="62" />
        <source>This kiosk is out of service</source>
        <translation>This kiosk is out of service</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="64" />
        <source>Please go to the registration counter. Staff: the detail below is also in the kiosk log.</source>
        <translation>Please go to the registration counter. Staff: the detail below is also in the kiosk log.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/screens/error.py" line="18" />
        <source>The kiosk settings contain a mistake, so the kiosk cannot start.</source>
        <translation>The kiosk settings contain a mistake, so the kiosk cannot start.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="20" />
        <source>The kiosk settings file cannot be read, so the kiosk cannot start.</source>
        <translation>The kiosk settings file cannot be read, so the kiosk cannot start.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="22" />
        <source>The kiosk cannot write to its data folder.</source>
        <translation>The kiosk cannot write to its data folder.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="24" />
        <source>The kiosk's disk is full.</source>
        <translation>The kiosk's disk is full.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="25" />
        <source>The kiosk database was damaged. It was set aside and a new one started.</source>
        <translation>The kiosk database was damaged. It was set aside and a new one started.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="27" />
        <source>The kiosk database cannot be opened.</source>
        <translation>The kiosk database cannot be opened.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="28" />
        <source>The camera is not working.</source>
        <translation>The camera is not working.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="29" />
        <source>Face recognition files are missing.</source>
        <translation>Face recognition files are missing.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="30" />
        <source>Language files are missing.</source>
        <translation>Language files are missing.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="31" />
        <source>The ticket printer is not responding.</source>
        <translation>The ticket printer is not responding.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="32" />
        <source>The ticket printer is out of paper.</source>
        <translation>The ticket printer is out of paper.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="33" />
        <source>The central server cannot be reached.</source>
        <translation>The central server cannot be reached.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="34" />
        <source>The central server gave an unexpected answer.</source>
        <translation>The central server gave an unexpected answer.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="36" />
        <source>An image could not be read.</source>
        <translation>An image could not be read.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="38" />
        <source>The kiosk has a technical problem.</source>
        <translation>The kiosk has a technical problem.</translation>
    </message>
</context>
<context>
    <name>ExceptionsTab</name>
    <message>
        <location filename="../../ui/staff/tabs.py" line="155" />
        <source>Unknown participant</source>
        <translation>Unknown participant</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="156" />
        <source>No face template (enrol)</source>
        <translation>No face template (enrol)</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="157" />
        <source>Face verification failed</source>
        <translation>Face verification failed</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="158" />
        <source>Membership not active</source>
        <translation>Membership not active</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="159" />
        <source>Membership status needs staff</source>
        <translation>Membership status needs staff</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="160" />
        <source>No ticket could be issued</source>
        <translation>No ticket could be issued</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="161" />
        <source>Participant lookup failed</source>
        <translation>Participant lookup failed</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="162" />
        <source>System problem</source>
        <translation>System problem</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="163" />
        <source>Printer problem</source>
        <translation>Printer problem</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="168" />
        <source>Identity checked manually</source>
        <translation>Identity checked manually</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="169" />
        <source>Registered / data corrected</source>
        <translation>Registered / data corrected</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="170" />
        <source>Served as general (non-JKN) patient</source>
        <translation>Served as general (non-JKN) patient</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="171" />
        <source>Face enrolled</source>
        <translation>Face enrolled</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="172" />
        <source>Referred (own FKTP, BPJS office, PANDAWA)</source>
        <translation>Referred (own FKTP, BPJS office, PANDAWA)</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="173" />
        <source>Ticket given at the counter</source>
        <translation>Ticket given at the counter</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="174" />
        <source>Printer fixed</source>
        <translation>Printer fixed</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="175" />
        <source>Patient left</source>
        <translation>Patient left</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="176" />
        <source>Other (write what was done)</source>
        <translation>Other (write what was done)</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="181" />
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="181" />
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="181" />
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="181" />
        <source>Participant</source>
        <translation>Participant</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="188" />
        <source>Note (required for Other)</source>
        <translation>Note (required for Other)</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="189" />
        <source>Resolve</source>
        <translation>Resolve</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="190" />
        <source>Verify identity manually…</source>
        <translation>Verify identity manually…</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="211" />
        <location filename="../../ui/staff/tabs.py" line="232" />
        <source>Choose a case in the list first.</source>
        <translation>Choose a case in the list first.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="218" />
        <source>Write what was done (at least 10 characters).</source>
        <translation>Write what was done (at least 10 characters).</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="221" />
        <source>This case was already closed; the list is updated.</source>
        <translation>This case was already closed; the list is updated.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="224" />
        <source>Case resolved.</source>
        <translation>Case resolved.</translation>
    </message>
</context>
<context>
    <name>Face</name>
    <message>
        <location filename="../../ui/screens/face.py" line="20" />
        <source>Hold still, looking at the camera.</source>
        <translation>Hold still, looking at the camera.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="21" />
        <source>Preparing the face check…</source>
        <translation>Preparing the face check…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="23" />
        <source>Stand in front of the camera, your face inside the oval.</source>
        <translation>Stand in front of the camera, your face inside the oval.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="25" />
        <source>Come a little closer.</source>
        <translation>Come a little closer.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="26" />
        <source>Move back a little.</source>
        <translation>Move back a little.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="27" />
        <source>Move so your face is inside the oval.</source>
        <translation>Move so your face is inside the oval.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="29" />
        <source>Please take off your mask, cap or dark glasses.</source>
        <translation>Please take off your mask, cap or dark glasses.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="33" />
        <source>It is too dark: face the light.</source>
        <translation>It is too dark: face the light.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="31" />
        <source>Too much light behind you: turn towards the light.</source>
        <translation>Too much light behind you: turn towards the light.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="28" />
        <source>Look straight at the camera.</source>
        <translation>Look straight at the camera.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="35" />
        <source>Hold still.</source>
        <translation>Hold still.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="24" />
        <source>Only one person in front of the camera, please.</source>
        <translation>Only one person in front of the camera, please.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="22" />
        <source>Checking your face…</source>
        <translation>Checking your face…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="34" />
        <source>Too much light on your face: step out of the glare.</source>
        <translation>Too much light on your face: step out of the glare.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="42" />
        <source>Blink your eyes</source>
        <translation>Blink your eyes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="43" />
        <source>Open your mouth</source>
        <translation>Open your mouth</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="44" />
        <source>Turn your head to the left</source>
        <translation>Turn your head to the left</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="45" />
        <source>Turn your head to the right</source>
        <translation>Turn your head to the right</translation>
    </message>
</context>
<context>
    <name>FaceScreen</name>
    <message>
        <location filename="../../ui/screens/face.py" line="69" />
        <source>Look at the camera</source>
        <translation>Look at the camera</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="78" />
        <source>Let's try again (attempt %1 of %2).</source>
        <translation>Let's try again (attempt %1 of %2).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="123" />
        <source>Step %1 of %2</source>
        <translation>Step %1 of %2</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="110" />
        <source>Look at the camera and follow the instructions</source>
        <translation>Look at the camera and follow the instructions</translation>
    </message>
</context>
<context>
    <name>FamilyScreen</name>
    <message>
        <location filename="../../ui/screens/simple.py" line="52" />
        <source>Who is the visit for?</source>
        <translation>Who is the visit for?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="54" />
        <source>You can check in a family member on your family card. Your own face is checked first.</source>
        <translation>You can check in a family member on your family card. Your own face is checked first.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="64" />
        <source>For myself (%1)</source>
        <translation>For myself (%1)</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="169" />
        <source>NIK, 16 digits</source>
        <translation>NIK, 16 digits</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="171" />
        <source>JKN card number, 13 digits</source>
        <translation>JKN card number, 13 digits</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="173" />
        <source>%1 digits</source>
        <translation>%1 digits</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="182" />
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="183" />
        <source>Delete the last digit</source>
        <translation>Delete the last digit</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="184" />
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="185" />
        <source>Is this number correct?</source>
        <translation>Is this number correct?</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="186" />
        <source>Yes, continue</source>
        <translation>Yes, continue</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="187" />
        <source>No, change it</source>
        <translation>No, change it</translation>
    </message>
</context>
<context>
    <name>KeypadScreen</name>
    <message>
        <location filename="../../ui/screens/keypad.py" line="31" />
        <source>Type your NIK or JKN card number</source>
        <translation>Type your NIK or JKN card number</translation>
    </message>
    <message>
        <location filename="../../ui/screens/keypad.py" line="32" />
        <source>NIK: 16 digits (on your KTP). JKN card: 13 digits.</source>
        <translation>NIK: 16 digits (on your KTP). JKN card: 13 digits.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/keypad.py" line="38" />
        <source>That number is not valid. Please check it and type it again.</source>
        <translation>That number is not valid. Please check it and type it again.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/keypad.py" line="40" />
        <source>Your IKD code cannot be checked right now. Please type your NIK.</source>
        <translation>Your IKD code cannot be checked right now. Please type your NIK.</translation>
    </message>
</context>
<context>
    <name>OverrideTab</name>
    <message>
        <location filename="../../ui/staff/tabs.py" line="266" />
        <source>Confirm a patient's identity yourself when the face check could not (for example after checking the KTP). The reason is kept in the audit log and sent to the server.</source>
        <translation>Confirm a patient's identity yourself when the face check could not (for example after checking the KTP). The reason is kept in the audit log and sent to the server.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="268" />
        <source>Card number or NIK</source>
        <translation>Card number or NIK</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="269" />
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="270" />
        <source>Reason (required)</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="271" />
        <source>Confirm identity</source>
        <translation>Confirm identity</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="291" />
        <source>Write the reason for the override (at least 10 characters).</source>
        <translation>Write the reason for the override (at least 10 characters).</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="294" />
        <source>Type the patient's card number or NIK.</source>
        <translation>Type the patient's card number or NIK.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="297" />
        <source>Identity confirmed for %1.</source>
        <translation>Identity confirmed for %1.</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../ui/staff/pin_dialog.py" line="115" />
        <source>Staff login</source>
        <translation>Staff login</translation>
    </message>
    <message>
        <location filename="../../ui/staff/pin_dialog.py" line="116" />
        <source>Enter your staff PIN</source>
        <translation>Enter your staff PIN</translation>
    </message>
    <message>
        <location filename="../../ui/staff/pin_dialog.py" line="117" />
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../ui/staff/pin_dialog.py" line="118" />
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/staff/pin_dialog.py" line="119" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/staff/pin_dialog.py" line="152" />
        <source>Too many wrong PINs. Try again in %1.</source>
        <translation>Too many wrong PINs. Try again in %1.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/pin_dialog.py" line="159" />
        <source>You can try again now.</source>
        <translation>You can try again now.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/pin_dialog.py" line="165" />
        <source>Type your PIN first.</source>
        <translation>Type your PIN first.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/staff/pin_dialog.py" line="176" />
        <source>Wrong PIN. %n attempt(s) left before the keypad locks.</source>
        <translation>
            <numerusform>Wrong PIN. %n attempt left before the keypad locks.</numerusform>
            <numerusform>Wrong PIN. %n attempts left before the keypad locks.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/staff/pin_dialog.py" line="182" />
        <source>No staff PIN is set on this kiosk. A technician sets one with: kiosk-tool staff-set-pin</source>
        <translation>No staff PIN is set on this kiosk. A technician sets one with: kiosk-tool staff-set-pin</translation>
    </message>
</context>
<context>
    <name>QueueScreen</name>
    <message>
        <location filename="../../ui/screens/queue.py" line="30" />
        <source>Choose a doctor</source>
        <translation>Choose a doctor</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="31" />
        <source>Choose a clinic</source>
        <translation>Choose a clinic</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="32" />
        <source>Touch the clinic you want to visit today.</source>
        <translation>Touch the clinic you want to visit today.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="33" />
        <source>Several doctors practise here today.</source>
        <translation>Several doctors practise here today.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="40" />
        <source>No clinic is open for new tickets right now.</source>
        <translation>No clinic is open for new tickets right now.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="68" />
        <source>Any doctor</source>
        <translation>Any doctor</translation>
    </message>
</context>
<context>
    <name>QueueTab</name>
    <message>
        <location filename="../../ui/staff/tabs.py" line="449" />
        <source>Waiting, in call order</source>
        <translation>Waiting, in call order</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="450" />
        <source>Being called</source>
        <translation>Being called</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="451" />
        <source>Call next</source>
        <translation>Call next</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="452" />
        <source>Call again</source>
        <translation>Call again</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="453" />
        <source>Not present</source>
        <translation>Not present</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="454" />
        <source>Served</source>
        <translation>Served</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="457" />
        <source>elderly</source>
        <translation>elderly</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="458" />
        <source>disabled</source>
        <translation>disabled</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="458" />
        <source>pregnant</source>
        <translation>pregnant</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="470" />
        <source>No polis are set up on this kiosk yet.</source>
        <translation>No polis are set up on this kiosk yet.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="494" />
        <source>Nobody is waiting for this poli.</source>
        <translation>Nobody is waiting for this poli.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="496" />
        <source>Calling %1.</source>
        <translation>Calling %1.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="503" />
        <source>Choose a number under "Being called" first.</source>
        <translation>Choose a number under "Being called" first.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="514" />
        <location filename="../../ui/staff/tabs.py" line="528" />
        <source>That number is no longer being called.</source>
        <translation>That number is no longer being called.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="516" />
        <source>Calling %1 again.</source>
        <translation>Calling %1 again.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="530" />
        <source>Done.</source>
        <translation>Done.</translation>
    </message>
</context>
<context>
    <name>ReprintTab</name>
    <message>
        <location filename="../../ui/staff/tabs.py" line="558" />
        <source>Today's number (e.g. A-012)</source>
        <translation>Today's number (e.g. A-012)</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="559" />
        <source>Reprint ticket</source>
        <translation>Reprint ticket</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="562" />
        <source>No printer is configured on this kiosk.</source>
        <translation>No printer is configured on this kiosk.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="571" />
        <source>That is not a queue number; type it like A-012.</source>
        <translation>That is not a queue number; type it like A-012.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="574" />
        <source>No ticket %1 today.</source>
        <translation>No ticket %1 today.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="583" />
        <source>The printer did not print: %1</source>
        <translation>The printer did not print: %1</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="586" />
        <source>Ticket %1 printed again.</source>
        <translation>Ticket %1 printed again.</translation>
    </message>
</context>
<context>
    <name>Screen</name>
    <message>
        <location filename="../../ui/screens/base.py" line="72" />
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ui/screens/base.py" line="74" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>StaffDesk</name>
    <message>
        <location filename="../../ui/staff/desk.py" line="127" />
        <source>Staff desk</source>
        <translation>Staff desk</translation>
    </message>
    <message>
        <location filename="../../ui/staff/desk.py" line="128" />
        <source>Logged in as %1</source>
        <translation>Logged in as %1</translation>
    </message>
    <message>
        <location filename="../../ui/staff/desk.py" line="129" />
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../ui/staff/desk.py" line="131" />
        <source>Cases</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../ui/staff/desk.py" line="131" />
        <source>Manual verification</source>
        <translation>Manual verification</translation>
    </message>
    <message>
        <location filename="../../ui/staff/desk.py" line="131" />
        <source>Face enrolment</source>
        <translation>Face enrolment</translation>
    </message>
    <message>
        <location filename="../../ui/staff/desk.py" line="132" />
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../ui/staff/desk.py" line="132" />
        <source>Reprint</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location filename="../../ui/staff/desk.py" line="132" />
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../ui/staff/desk.py" line="133" />
        <source>Daily summary</source>
        <translation>Daily summary</translation>
    </message>
</context>
<context>
    <name>StatusScreen</name>
    <message>
        <location filename="../../ui/screens/status.py" line="64" />
        <source>Your JKN membership</source>
        <translation>Your JKN membership</translation>
    </message>
    <message>
        <location filename="../../ui/screens/status.py" line="71" />
        <source>Checking your status…</source>
        <translation>Checking your status…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/status.py" line="86" />
        <source>Continue</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../../ui/screens/status.py" line="87" />
        <source>OK, I will go to the counter</source>
        <translation>OK, I will go to the counter</translation>
    </message>
</context>
<context>
    <name>SummaryTab</name>
    <message>
        <location filename="../../ui/staff/tabs.py" line="674" />
        <source>Poli</source>
        <translation>Poli</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="674" />
        <source>Tickets</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="674" />
        <source>Served</source>
        <translation>Served</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="674" />
        <source>Absent</source>
        <translation>Absent</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="675" />
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="675" />
        <source>Mean wait (min)</source>
        <translation>Mean wait (min)</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="675" />
        <source>Max wait (min)</source>
        <translation>Max wait (min)</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="676" />
        <source>Export PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="687" />
        <source>Face verifications: %1, failed: %2 (%3). Manual verifications: %4. Cases: %5 raised, %6 resolved, %7 still open.</source>
        <translation>Face verifications: %1, failed: %2 (%3). Manual verifications: %4. Cases: %5 raised, %6 resolved, %7 still open.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="703" />
        <source>Could not write the report: %1</source>
        <translation>Could not write the report: %1</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="709" />
        <source>Report saved: %1</source>
        <translation>Report saved: %1</translation>
    </message>
</context>
<context>
    <name>SyncTab</name>
    <message>
        <location filename="../../ui/staff/tabs.py" line="609" />
        <source>Central server</source>
        <translation>Central server</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="609" />
        <source>Last successful sync</source>
        <translation>Last successful sync</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="610" />
        <source>Events waiting to be sent</source>
        <translation>Events waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="610" />
        <source>Events the server refused</source>
        <translation>Events the server refused</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="611" />
        <source>Last problem</source>
        <translation>Last problem</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="616" />
        <source>never</source>
        <translation>never</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/staff/tabs.py" line="619" />
        <source>%n second(s) ago</source>
        <translation>
            <numerusform>%n second ago</numerusform>
            <numerusform>%n seconds ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/staff/tabs.py" line="621" />
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>%n minute ago</numerusform>
            <numerusform>%n minutes ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/staff/tabs.py" line="622" />
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>%n hour ago</numerusform>
            <numerusform>%n hours ago</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="627" />
        <source>none (standalone kiosk)</source>
        <translation>none (standalone kiosk)</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="630" />
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="630" />
        <source>OFFLINE</source>
        <translation>OFFLINE</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <location filename="../../ui/screens/queue.py" line="104" />
        <source>Your queue number</source>
        <translation>Your queue number</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="105" />
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="113" />
        <source>Online booking checked in</source>
        <translation>Online booking checked in</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="114" />
        <source>New queue number</source>
        <translation>New queue number</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="119" />
        <source>You will be called soon.</source>
        <translation>You will be called soon.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="121" />
        <source>About %1–%2 minutes (%3 ahead of you)</source>
        <translation>About %1–%2 minutes (%3 ahead of you)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="126" />
        <source>Printing your ticket…</source>
        <translation>Printing your ticket…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="128" />
        <source>✔ Please take your printed ticket.</source>
        <translation>✔ Please take your printed ticket.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="131" />
        <source>The printer has a problem: show this screen at the counter. Your number is kept.</source>
        <translation>The printer has a problem: show this screen at the counter. Your number is kept.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="141" />
        <source>Your queue number is %1</source>
        <translation>Your queue number is %1</translation>
    </message>
</context>
<context>
    <name>WaitingRoomDisplay</name>
    <message>
        <location filename="../../ui/display/board.py" line="119" />
        <location filename="../../ui/display/board.py" line="124" />
        <source>Previous numbers</source>
        <translation>Previous numbers</translation>
    </message>
    <message>
        <location filename="../../ui/display/board.py" line="126" />
        <source>Please wait for your number to be called</source>
        <translation>Please wait for your number to be called</translation>
    </message>
    <message>
        <location filename="../../ui/display/board.py" line="136" />
        <source>Number %1, please go to %2</source>
        <translation>Number %1, please go to %2</translation>
    </message>
</context>
</TS>