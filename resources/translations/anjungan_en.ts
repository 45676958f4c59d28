<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../../ui/screens/attract.py" line="65" />
        <source>Scan your IKD QR code or digital JKN card</source>
        <translation>Scan your IKD QR code or digital JKN card</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attract.py" line="66" />
        <source>Type NIK or card number</source>
        <translation>Type NIK or card number</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attract.py" line="68" />
        <source>The camera is not working. You can still check in: press the button below to type your NIK or card number. Staff have been told.</source>
        <translation>The camera is not working. You can still check in: press the button below to type your NIK or card number. Staff have been told.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attract.py" line="72" />
        <source>That code is not an IKD or JKN card. Please show your IKD QR code or digital JKN card, or type your number.</source>
        <translation>That code is not an IKD or JKN card. Please show your IKD QR code or digital JKN card, or type your number.</translation>
    </message>
</context>
<context>
    <name>BusyScreen</name>
    <message>
        <location filename="../../ui/screens/simple.py" line="24" />
        <source>Please wait</source>
        <translation>Please wait</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="26" />
        <source>Looking up your membership…</source>
        <translation>Looking up your membership…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="27" />
        <source>Looking for today's booking and open clinics…</source>
        <translation>Looking for today's booking and open clinics…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="28" />
        <source>Preparing your queue number…</source>
        <translation>Preparing your queue number…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="30" />
        <source>One moment…</source>
        <translation>One moment…</translation>
    </message>
</context>
<context>
    <name>Counter</name>
    <message>
        <location filename="../../ui/screens/simple.py" line="80" />
        <source>Your number was not found in this clinic's list of participants.</source>
        <translation>Your number was not found in this clinic's list of participants.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="82" />
        <source>Your face has not been registered yet. Staff can register it for you.</source>
        <translation>Your face has not been registered yet. Staff can register it for you.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="84" />
        <source>Your face could not be verified. Staff will check your identity.</source>
        <translation>Your face could not be verified. Staff will check your identity.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="86" />
        <source>Your JKN membership is not active. Staff can help you further.</source>
        <translation>Your JKN membership is not active. Staff can help you further.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="88" />
        <source>Your membership status needs to be checked by staff.</source>
        <translation>Your membership status needs to be checked by staff.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="90" />
        <source>A queue number could not be issued here.</source>
        <translation>A queue number could not be issued here.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="92" />
        <source>Your membership could not be looked up right now.</source>
        <translation>Your membership could not be looked up right now.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="94" />
        <source>The kiosk has a technical problem. We are sorry.</source>
        <translation>The kiosk has a technical problem. We are sorry.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="105" />
        <source>Tickets for this clinic are not issued at this hour.</source>
        <translation>Tickets for this clinic are not issued at this hour.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="106" />
        <source>Today's quota for this clinic is full.</source>
        <translation>Today's quota for this clinic is full.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="107" />
        <source>The clinic is closed today (holiday).</source>
        <translation>The clinic is closed today (holiday).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="108" />
        <source>No new tickets for this session any more.</source>
        <translation>No new tickets for this session any more.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="109" />
        <source>No doctor practises in this clinic today.</source>
        <translation>No doctor practises in this clinic today.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="110" />
        <source>Your membership does not allow a ticket.</source>
        <translation>Your membership does not allow a ticket.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="111" />
        <source>This clinic is not available.</source>
        <translation>This clinic is not available.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="112" />
        <source>No queue numbers are available on this kiosk.</source>
        <translation>No queue numbers are available on this kiosk.</translation>
    </message>
</context>
<context>
    <name>CounterScreen</name>
    <message>
        <location filename="../../ui/app.py" line="108" />
        <location filename="../../ui/screens/simple.py" line="137" />
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="135" />
        <location filename="../../ui/screens/simple.py" line="147" />
        <source>Please go to the registration counter</source>
        <translation>Please go to the registration counter</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="136" />
        <source>COUNTER</source>
        <translation>COUNTER</translation>
    </message>
</context>
<context>
    <name>ErrorScreen</name>
    <message>
        <location filename="../../ui/screens/error.py" line="59" />
        <source>This kiosk is out of service</source>
        <translation>This kiosk is out of service</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="61" />
        <source>Please go to the registration counter. Staff: the detail below is also in the kiosk log.</source>
        <translation>Please go to the registration counter. Staff: the detail below is also in the kiosk log.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/screens/error.py" line="16" />
        <source>The kiosk settings contain a mistake, so the kiosk cannot start.</source>
        <translation>The kiosk settings contain a mistake, so the kiosk cannot start.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="18" />
        <source>The kiosk settings file cannot be read, so the kiosk cannot start.</source>
        <translation>The kiosk settings file cannot be read, so the kiosk cannot start.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="20" />
        <source>The kiosk cannot write to its data folder.</source>
        <translation>The kiosk cannot write to its data folder.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="22" />
        <source>The kiosk's disk is full.</source>
        <translation>The kiosk's disk is full.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="23" />
        <source>The kiosk database was damaged. It was set aside and a new one started.</source>
        <translation>The kiosk database was damaged. It was set aside and a new one started.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="25" />
        <source>The kiosk database cannot be opened.</source>
        <translation>The kiosk database cannot be opened.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="26" />
        <source>The camera is not working.</source>
        <translation>The camera is not working.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="27" />
        <source>Face recognition files are missing.</source>
        <translation>Face recognition files are missing.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="28" />
        <source>Language files are missing.</source>
        <translation>Language files are missing.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="29" />
        <source>The ticket printer is not responding.</source>
        <translation>The ticket printer is not responding.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="30" />
        <source>The ticket printer is out of paper.</source>
        <translation>The ticket printer is out of paper.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="31" />
        <source>The central server cannot be reached.</source>
        <translation>The central server cannot be reached.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="32" />
        <source>The central server gave an unexpected answer.</source>
        <translation>The central server gave an unexpected answer.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="33" />
        <source>An image could not be read.</source>
        <translation>An image could not be read.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="35" />
        <source>The kiosk has a technical problem.</source>
        <translation>The kiosk has a technical problem.</translation>
    </message>
</context>
<context>
    <name>Face</name>
    <message>
        <location filename="../../ui/screens/face.py" line="17" />
        <source>Hold still, looking at the camera.</source>
        <translation>Hold still, looking at the camera.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="18" />
        <source>Preparing the face check…</source>
        <translation>Preparing the face check…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="19" />
        <source>Stand in front of the camera, your face inside the oval.</source>
        <translation>Stand in front of the camera, your face inside the oval.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="20" />
        <source>Come a little closer.</source>
        <translation>Come a little closer.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="21" />
        <source>Move back a little.</source>
        <translation>Move back a little.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="22" />
        <source>Move so your face is inside the oval.</source>
        <translation>Move so your face is inside the oval.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="23" />
        <source>It is too dark: face the light.</source>
        <translation>It is too dark: face the light.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="24" />
        <source>Too much light behind you: turn towards the light.</source>
        <translation>Too much light behind you: turn towards the light.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="25" />
        <source>Look straight at the camera.</source>
        <translation>Look straight at the camera.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="26" />
        <source>Hold still.</source>
        <translation>Hold still.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="27" />
        <source>Please take off your mask.</source>
        <translation>Please take off your mask.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="28" />
        <source>Please take off your cap or hat.</source>
        <translation>Please take off your cap or hat.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="29" />
        <source>Please take off dark glasses.</source>
        <translation>Please take off dark glasses.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="30" />
        <source>Only one person in front of the camera, please.</source>
        <translation>Only one person in front of the camera, please.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="31" />
        <source>The same person must stay in front of the camera.</source>
        <translation>The same person must stay in front of the camera.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="32" />
        <source>Checking your face…</source>
        <translation>Checking your face…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="39" />
        <source>Blink your eyes</source>
        <translation>Blink your eyes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="40" />
        <source>Open your mouth</source>
        <translation>Open your mouth</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="41" />
        <source>Turn your head to the left</source>
        <translation>Turn your head to the left</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="42" />
        <source>Turn your head to the right</source>
        <translation>Turn your head to the right</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="43" />
        <source>Smile</source>
        <translation>Smile</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="44" />
        <source>Nod your head</source>
        <translation>Nod your head</translation>
    </message>
</context>
<context>
    <name>FaceScreen</name>
    <message>
        <location filename="../../ui/screens/face.py" line="68" />
        <source>Look at the camera</source>
        <translation>Look at the camera</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="77" />
        <source>Let's try again (attempt %1 of %2).</source>
        <translation>Let's try again (attempt %1 of %2).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="107" />
        <source>Look at the camera and follow the instructions</source>
        <translation>Look at the camera and follow the instructions</translation>
    </message>
</context>
<context>
    <name>FamilyScreen</name>
    <message>
        <location filename="../../ui/screens/simple.py" line="49" />
        <source>Who is the visit for?</source>
        <translation>Who is the visit for?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="51" />
        <source>You can check in a family member on your family card. Your own face is checked first.</source>
        <translation>You can check in a family member on your family card. Your own face is checked first.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="61" />
        <source>For myself (%1)</source>
        <translation>For myself (%1)</translation>
    </message>
</context>
<context>
    <name>KeypadScreen</name>
    <message>
        <location filename="../../ui/screens/keypad.py" line="30" />
        <source>Type your NIK or JKN card number</source>
        <translation>Type your NIK or JKN card number</translation>
    </message>
    <message>
        <location filename="../../ui/screens/keypad.py" line="31" />
        <source>NIK: 16 digits (on your KTP). JKN card: 13 digits.</source>
        <translation>NIK: 16 digits (on your KTP). JKN card: 13 digits.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/keypad.py" line="37" />
        <source>That number is not valid. Please check it and type it again.</source>
        <translation>That number is not valid. Please check it and type it again.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/keypad.py" line="39" />
        <source>Your IKD code cannot be checked right now. Please type your NIK.</source>
        <translation>Your IKD code cannot be checked right now. Please type your NIK.</translation>
    </message>
</context>
<context>
    <name>QueueScreen</name>
    <message>
        <location filename="../../ui/screens/queue.py" line="28" />
        <source>Choose a doctor</source>
        <translation>Choose a doctor</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="29" />
        <source>Choose a clinic</source>
        <translation>Choose a clinic</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="30" />
        <source>Touch the clinic you want to visit today.</source>
        <translation>Touch the clinic you want to visit today.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="31" />
        <source>Several doctors practise here today.</source>
        <translation>Several doctors practise here today.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="38" />
        <source>No clinic is open for new tickets right now.</source>
        <translation>No clinic is open for new tickets right now.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="65" />
        <source>Any doctor</source>
        <translation>Any doctor</translation>
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
    <name>StatusScreen</name>
    <message>
        <location filename="../../ui/screens/status.py" line="63" />
        <source>Your JKN membership</source>
        <translation>Your JKN membership</translation>
    </message>
    <message>
        <location filename="../../ui/screens/status.py" line="70" />
        <source>Checking your status…</source>
        <translation>Checking your status…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/status.py" line="85" />
        <source>Continue</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../../ui/screens/status.py" line="86" />
        <source>OK, I will go to the counter</source>
        <translation>OK, I will go to the counter</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <location filename="../../ui/screens/queue.py" line="101" />
        <source>Your queue number</source>
        <translation>Your queue number</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="102" />
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="110" />
        <source>Online booking checked in</source>
        <translation>Online booking checked in</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="111" />
        <source>New queue number</source>
        <translation>New queue number</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="116" />
        <source>You will be called soon.</source>
        <translation>You will be called soon.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="118" />
        <source>About %1–%2 minutes (%3 ahead of you)</source>
        <translation>About %1–%2 minutes (%3 ahead of you)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="123" />
        <source>Printing your ticket…</source>
        <translation>Printing your ticket…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="125" />
        <source>✔ Please take your printed ticket.</source>
        <translation>✔ Please take your printed ticket.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="128" />
        <source>The printer has a problem: show this screen at the counter. Your number is kept.</source>
        <translation>The printer has a problem: show this screen at the counter. Your number is kept.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="138" />
        <source>Your queue number is %1</source>
        <translation>Your queue number is %1</translation>
    </message>
</context>
</TS>