<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="id" sourcelanguage="en">
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../../ui/screens/attract.py" line="73" />
        <source>Scan your IKD QR code or digital JKN card</source>
        <translation>Pindai QR IKD atau kartu JKN digital</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attract.py" line="74" />
        <source>Type NIK or card number</source>
        <translation>Ketik NIK atau nomor kartu</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attract.py" line="76" />
        <source>The camera is not working. You can still check in: press the button below to type your NIK or card number. Staff have been told.</source>
        <translation>Kamera tidak berfungsi. Anda tetap bisa mendaftar: tekan tombol di bawah untuk mengetik NIK atau nomor kartu. Petugas sudah diberi tahu.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attract.py" line="80" />
        <source>That code is not an IKD or JKN card. Please show your IKD QR code or digital JKN card, or type your number.</source>
        <translation>Kode itu bukan IKD atau kartu JKN. Tunjukkan QR IKD atau kartu JKN digital Anda, atau ketik nomor Anda.</translation>
    </message>
</context>
<context>
    <name>BusyScreen</name>
    <message>
        <location filename="../../ui/screens/simple.py" line="26" />
        <source>Please wait</source>
        <translation>Mohon tunggu</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="28" />
        <source>Looking up your membership…</source>
        <translation>Memeriksa kepesertaan Anda…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="29" />
        <source>Looking for today's booking and open clinics…</source>
        <translation>Mencari booking hari ini dan poli yang buka…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="30" />
        <source>Preparing your queue number…</source>
        <translation>Menyiapkan nomor antrean Anda…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="32" />
        <source>One moment…</source>
        <translation>Sebentar…</translation>
    </message>
</context>
<context>
    <name>Counter</name>
    <message>
        <location filename="../../ui/screens/simple.py" line="84" />
        <source>Your number was not found in this clinic's list of participants.</source>
        <translation>Nomor Anda tidak ditemukan dalam daftar peserta faskes ini.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="86" />
        <source>Your face has not been registered yet. Staff can register it for you.</source>
        <translation>Wajah Anda belum terdaftar. Petugas dapat mendaftarkannya untuk Anda.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="88" />
        <source>Your face could not be verified. Staff will check your identity.</source>
        <translation>Wajah Anda tidak dapat diverifikasi. Petugas akan memeriksa identitas Anda.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="90" />
        <source>Your JKN membership is not active. Staff can help you further.</source>
        <translation>Kepesertaan JKN Anda tidak aktif. Petugas dapat membantu Anda lebih lanjut.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="92" />
        <source>Your membership status needs to be checked by staff.</source>
        <translation>Status kepesertaan Anda perlu diperiksa oleh petugas.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="94" />
        <source>A queue number could not be issued here.</source>
        <translation>Nomor antrean tidak dapat diberikan di sini.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="96" />
        <source>Your membership could not be looked up right now.</source>
        <translation>Kepesertaan Anda tidak dapat diperiksa saat ini.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="98" />
        <source>The kiosk has a technical problem. We are sorry.</source>
        <translation>Anjungan mengalami gangguan teknis. Mohon maaf.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="109" />
        <source>Tickets for this clinic are not issued at this hour.</source>
        <translation>Tiket poli ini tidak dilayani pada jam ini.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="111" />
        <source>Today's quota for this clinic is full.</source>
        <translation>Kuota poli ini untuk hari ini sudah penuh.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="112" />
        <source>The clinic is closed today (holiday).</source>
        <translation>Poli tutup hari ini (hari libur).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="113" />
        <source>No new tickets for this session any more.</source>
        <translation>Tidak ada tiket baru lagi untuk sesi ini.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="114" />
        <source>No doctor practises in this clinic today.</source>
        <translation>Tidak ada dokter yang praktik di poli ini hari ini.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="115" />
        <source>Your membership does not allow a ticket.</source>
        <translation>Kepesertaan Anda tidak memungkinkan pengambilan tiket.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="116" />
        <source>This clinic is not available.</source>
        <translation>Poli ini tidak tersedia.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="117" />
        <source>No queue numbers are available on this kiosk.</source>
        <translation>Nomor antrean di anjungan ini sedang habis.</translation>
    </message>
</context>
<context>
    <name>CounterScreen</name>
    <message>
        <location filename="../../ui/app.py" line="128" />
        <location filename="../../ui/screens/simple.py" line="143" />
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="141" />
        <location filename="../../ui/screens/simple.py" line="153" />
        <source>Please go to the registration counter</source>
        <translation>Silakan ke loket pendaftaran</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="142" />
        <source>COUNTER</source>
        <translation>LOKET</translation>
    </message>
</context>
<context>
    <name>EnrolTab</name>
    <message>
        <location filename="../../ui/staff/tabs.py" line="342" />
        <source>Card number or NIK</source>
        <translation>Nomor kartu atau NIK</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="346" />
        <source>The patient has read or heard this text and agrees to face enrolment</source>
        <translation>Pasien telah membaca atau mendengar teks ini dan setuju wajahnya didaftarkan</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="347" />
        <source>Capture face and enrol</source>
        <translation>Ambil wajah dan daftarkan</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="349" />
        <source>Delete a face template at the patient's request (reason required):</source>
        <translation>Hapus templat wajah atas permintaan pasien (alasan wajib diisi):</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="350" />
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="351" />
        <source>Delete template</source>
        <translation>Hapus templat</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="354" />
        <source>Face enrolment is not available on this kiosk (face module not connected).</source>
        <translation>Pendaftaran wajah belum tersedia di anjungan ini (modul wajah belum terhubung).</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="369" />
        <source>Tick the consent box first.</source>
        <translation>Centang kotak persetujuan terlebih dahulu.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="373" />
        <source>Look at the camera…</source>
        <translation>Lihat ke kamera…</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="380" />
        <source>Face enrolled.</source>
        <translation>Wajah berhasil didaftarkan.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="384" />
        <source>Enrolment failed: %1</source>
        <translation>Pendaftaran wajah gagal: %1</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="393" />
        <source>Write the reason for the deletion (at least 10 characters).</source>
        <translation>Tulis alasan penghapusan (minimal 10 karakter).</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="398" />
        <source>Face template deleted.</source>
        <translation>Templat wajah dihapus.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="402" />
        <source>No face template was found for %1.</source>
        <translation>Tidak ada templat wajah untuk %1.</translation>
    </message>
</context>
<context>
    <name>ErrorScreen</name>
    <message>
        <location filename="../../ui/screens/error.py" line="62" />
        <source>This kiosk is out of service</source>
        <translation>Anjungan ini sedang tidak dapat digunakan</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="64" />
        <source>Please go to the registration counter. Staff: the detail below is also in the kiosk log.</source>
        <translation>Silakan ke loket pendaftaran. Petugas: rincian di bawah ini juga tercatat di log anjungan.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/screens/error.py" line="18" />
        <source>The kiosk settings contain a mistake, so the kiosk cannot start.</source>
        <translation>Pengaturan anjungan berisi kesalahan, sehingga anjungan tidak dapat dijalankan.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="20" />
        <source>The kiosk settings file cannot be read, so the kiosk cannot start.</source>
        <translation>Berkas pengaturan anjungan tidak dapat dibaca, sehingga anjungan tidak dapat dijalankan.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="22" />
        <source>The kiosk cannot write to its data folder.</source>
        <translation>Anjungan tidak dapat menulis ke folder datanya.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="24" />
        <source>The kiosk's disk is full.</source>
        <translation>Disk anjungan penuh.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="25" />
        <source>The kiosk database was damaged. It was set aside and a new one started.</source>
        <translation>Basis data anjungan rusak. Basis data itu disisihkan dan yang baru dibuat.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="27" />
        <source>The kiosk database cannot be opened.</source>
        <translation>Basis data anjungan tidak dapat dibuka.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="28" />
        <source>The camera is not working.</source>
        <translation>Kamera tidak berfungsi.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="29" />
        <source>Face recognition files are missing.</source>
        <translation>Berkas pengenalan wajah tidak ditemukan.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="30" />
        <source>Language files are missing.</source>
        <translation>Berkas bahasa tidak ditemukan.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="31" />
        <source>The ticket printer is not responding.</source>
        <translation>Printer tiket tidak merespons.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="32" />
        <source>The ticket printer is out of paper.</source>
        <translation>Kertas printer tiket habis.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="33" />
        <source>The central server cannot be reached.</source>
        <translation>Server pusat tidak dapat dihubungi.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="34" />
        <source>The central server gave an unexpected answer.</source>
        <translation>Server pusat memberi jawaban yang tidak dikenali.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="36" />
        <source>An image could not be read.</source>
        <translation>Gambar tidak dapat dibaca.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="38" />
        <source>The kiosk has a technical problem.</source>
        <translation>Anjungan mengalami gangguan teknis.</translation>
    </message>
</context>
<context>
    <name>ExceptionsTab</name>
    <message>
        <location filename="../../ui/staff/tabs.py" line="155" />
        <source>Unknown participant</source>
        <translation>Peserta tidak dikenal</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="156" />
        <source>No face template (enrol)</source>
        <translation>Belum ada templat wajah (daftarkan)</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="157" />
        <source>Face verification failed</source>
        <translation>Verifikasi wajah gagal</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="158" />
        <source>Membership not active</source>
        <translation>Kepesertaan tidak aktif</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="159" />
        <source>Membership status needs staff</source>
        <translation>Status kepesertaan perlu dicek petugas</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="160" />
        <source>No ticket could be issued</source>
        <translation>Tiket tidak dapat diterbitkan</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="161" />
        <source>Participant lookup failed</source>
        <translation>Pencarian peserta gagal</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="162" />
        <source>System problem</source>
        <translation>Masalah sistem</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="163" />
        <source>Printer problem</source>
        <translation>Masalah printer</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="168" />
        <source>Identity checked manually</source>
        <translation>Identitas dicek manual</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="169" />
        <source>Registered / data corrected</source>
        <translation>Didaftarkan / data diperbaiki</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="170" />
        <source>Served as general (non-JKN) patient</source>
        <translation>Dilayani sebagai pasien umum (non-JKN)</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="171" />
        <source>Face enrolled</source>
        <translation>Wajah didaftarkan</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="172" />
        <source>Referred (own FKTP, BPJS office, PANDAWA)</source>
        <translation>Diarahkan (FKTP sendiri, kantor BPJS, PANDAWA)</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="173" />
        <source>Ticket given at the counter</source>
        <translation>Tiket diberikan di loket</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="174" />
        <source>Printer fixed</source>
        <translation>Printer sudah diperbaiki</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="175" />
        <source>Patient left</source>
        <translation>Pasien sudah pergi</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="176" />
        <source>Other (write what was done)</source>
        <translation>Lainnya (tulis apa yang dilakukan)</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="181" />
        <source>Time</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="181" />
        <source>Case</source>
        <translation>Kasus</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="181" />
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="181" />
        <source>Participant</source>
        <translation>Peserta</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="188" />
        <source>Note (required for Other)</source>
        <translation>Catatan (wajib untuk Lainnya)</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="189" />
        <source>Resolve</source>
        <translation>Selesaikan</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="190" />
        <source>Verify identity manually…</source>
        <translation>Verifikasi identitas manual…</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="211" />
        <location filename="../../ui/staff/tabs.py" line="232" />
        <source>Choose a case in the list first.</source>
        <translation>Pilih kasus di daftar terlebih dahulu.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="218" />
        <source>Write what was done (at least 10 characters).</source>
        <translation>Tulis apa yang dilakukan (minimal 10 karakter).</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="221" />
        <source>This case was already closed; the list is updated.</source>
        <translation>Kasus ini sudah ditutup; daftar diperbarui.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="224" />
        <source>Case resolved.</source>
        <translation>Kasus diselesaikan.</translation>
    </message>
</context>
<context>
    <name>Face</name>
    <message>
        <location filename="../../ui/screens/face.py" line="20" />
        <source>Hold still, looking at the camera.</source>
        <translation>Tetap diam dan lihat ke kamera.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="21" />
        <source>Preparing the face check…</source>
        <translation>Menyiapkan pemeriksaan wajah…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="23" />
        <source>Stand in front of the camera, your face inside the oval.</source>
        <translation>Berdirilah di depan kamera, wajah Anda di dalam oval.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="25" />
        <source>Come a little closer.</source>
        <translation>Mendekatlah sedikit.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="26" />
        <source>Move back a little.</source>
        <translation>Mundurlah sedikit.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="27" />
        <source>Move so your face is inside the oval.</source>
        <translation>Geser posisi agar wajah Anda di dalam oval.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="29" />
        <source>Please take off your mask, cap or dark glasses.</source>
        <translation>Mohon lepaskan masker, topi, atau kacamata gelap Anda.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="33" />
        <source>It is too dark: face the light.</source>
        <translation>Terlalu gelap: hadapkan wajah ke arah cahaya.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="31" />
        <source>Too much light behind you: turn towards the light.</source>
        <translation>Cahaya di belakang Anda terlalu terang: hadapkan wajah ke arah cahaya.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="28" />
        <source>Look straight at the camera.</source>
        <translation>Lihat lurus ke kamera.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="35" />
        <source>Hold still.</source>
        <translation>Jangan bergerak.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="24" />
        <source>Only one person in front of the camera, please.</source>
        <translation>Mohon hanya satu orang di depan kamera.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="22" />
        <source>Checking your face…</source>
        <translation>Memeriksa wajah Anda…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="34" />
        <source>Too much light on your face: step out of the glare.</source>
        <translation>Wajah Anda terlalu silau: menjauhlah dari cahaya yang terlalu terang.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="42" />
        <source>Blink your eyes</source>
        <translation>Kedipkan mata Anda</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="43" />
        <source>Open your mouth</source>
        <translation>Buka mulut Anda</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="44" />
        <source>Turn your head to the left</source>
        <translation>Tolehkan kepala ke kiri</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="45" />
        <source>Turn your head to the right</source>
        <translation>Tolehkan kepala ke kanan</translation>
    </message>
</context>
<context>
    <name>FaceScreen</name>
    <message>
        <location filename="../../ui/screens/face.py" line="69" />
        <source>Look at the camera</source>
        <translation>Lihat ke kamera</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="78" />
        <source>Let's try again (attempt %1 of %2).</source>
        <translation>Mari coba lagi (percobaan %1 dari %2).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="123" />
        <source>Step %1 of %2</source>
        <translation>Langkah %1 dari %2</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="110" />
        <source>Look at the camera and follow the instructions</source>
        <translation>Lihat ke kamera dan ikuti petunjuknya</translation>
    </message>
</context>
<context>
    <name>FamilyScreen</name>
    <message>
        <location filename="../../ui/screens/simple.py" line="52" />
        <source>Who is the visit for?</source>
        <translation>Untuk siapa kunjungan ini?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="54" />
        <source>You can check in a family member on your family card. Your own face is checked first.</source>
        <translation>Anda dapat mendaftarkan anggota keluarga dalam Kartu Keluarga Anda. Wajah Anda sendiri diperiksa lebih dulu.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="64" />
        <source>For myself (%1)</source>
        <translation>Untuk saya sendiri (%1)</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="169" />
        <source>NIK, 16 digits</source>
        <translation>NIK, 16 angka</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="171" />
        <source>JKN card number, 13 digits</source>
        <translation>Nomor kartu JKN, 13 angka</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="173" />
        <source>%1 digits</source>
        <translation>%1 angka</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="182" />
        <source>Clear</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="183" />
        <source>Delete the last digit</source>
        <translation>Hapus angka terakhir</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="184" />
        <source>Next</source>
        <translation>Lanjut</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="185" />
        <source>Is this number correct?</source>
        <translation>Apakah nomor ini sudah benar?</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="186" />
        <source>Yes, continue</source>
        <translation>Ya, lanjutkan</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="187" />
        <source>No, change it</source>
        <translation>Tidak, ubah</translation>
    </message>
</context>
<context>
    <name>KeypadScreen</name>
    <message>
        <location filename="../../ui/screens/keypad.py" line="31" />
        <source>Type your NIK or JKN card number</source>
        <translation>Ketik NIK atau nomor kartu JKN Anda</translation>
    </message>
    <message>
        <location filename="../../ui/screens/keypad.py" line="32" />
        <source>NIK: 16 digits (on your KTP). JKN card: 13 digits.</source>
        <translation>NIK: 16 angka (di KTP Anda). Kartu JKN: 13 angka.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/keypad.py" line="38" />
        <source>That number is not valid. Please check it and type it again.</source>
        <translation>Nomor itu tidak valid. Periksa dan ketik ulang.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/keypad.py" line="40" />
        <source>Your IKD code cannot be checked right now. Please type your NIK.</source>
        <translation>QR IKD Anda tidak dapat diperiksa saat ini. Silakan ketik NIK Anda.</translation>
    </message>
</context>
<context>
    <name>OverrideTab</name>
    <message>
        <location filename="../../ui/staff/tabs.py" line="266" />
        <source>Confirm a patient's identity yourself when the face check could not (for example after checking the KTP). The reason is kept in the audit log and sent to the server.</source>
        <translation>Konfirmasi identitas pasien sendiri bila pemeriksaan wajah tidak berhasil (misalnya setelah mengecek KTP). Alasannya disimpan di log audit dan dikirim ke server.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="268" />
        <source>Card number or NIK</source>
        <translation>Nomor kartu atau NIK</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="269" />
        <source>Case</source>
        <translation>Kasus</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="270" />
        <source>Reason (required)</source>
        <translation>Alasan (wajib)</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="271" />
        <source>Confirm identity</source>
        <translation>Konfirmasi identitas</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="291" />
        <source>Write the reason for the override (at least 10 characters).</source>
        <translation>Tulis alasan verifikasi manual (minimal 10 karakter).</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="294" />
        <source>Type the patient's card number or NIK.</source>
        <translation>Ketik nomor kartu atau NIK pasien.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="297" />
        <source>Identity confirmed for %1.</source>
        <translation>Identitas %1 dikonfirmasi.</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../ui/staff/pin_dialog.py" line="115" />
        <source>Staff login</source>
        <translation>Masuk petugas</translation>
    </message>
    <message>
        <location filename="../../ui/staff/pin_dialog.py" line="116" />
        <source>Enter your staff PIN</source>
        <translation>Masukkan PIN petugas Anda</translation>
    </message>
    <message>
        <location filename="../../ui/staff/pin_dialog.py" line="117" />
        <source>Clear</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <location filename="../../ui/staff/pin_dialog.py" line="118" />
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/staff/pin_dialog.py" line="119" />
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../../ui/staff/pin_dialog.py" line="152" />
        <source>Too many wrong PINs. Try again in %1.</source>
        <translation>Terlalu banyak PIN salah. Coba lagi dalam %1.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/pin_dialog.py" line="159" />
        <source>You can try again now.</source>
        <translation>Silakan coba lagi sekarang.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/pin_dialog.py" line="165" />
        <source>Type your PIN first.</source>
        <translation>Ketik PIN Anda terlebih dahulu.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/staff/pin_dialog.py" line="176" />
        <source>Wrong PIN. %n attempt(s) left before the keypad locks.</source>
        <translation>
            <numerusform>PIN salah. Sisa %n percobaan sebelum papan tombol terkunci.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/staff/pin_dialog.py" line="182" />
        <source>No staff PIN is set on this kiosk. A technician sets one with: kiosk-tool staff-set-pin</source>
        <translation>Belum ada PIN petugas di anjungan ini. Teknisi dapat mengaturnya dengan: kiosk-tool staff-set-pin</translation>
    </message>
</context>
<context>
    <name>QueueScreen</name>
    <message>
        <location filename="../../ui/screens/queue.py" line="30" />
        <source>Choose a doctor</source>
        <translation>Pilih dokter</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="31" />
        <source>Choose a clinic</source>
        <translation>Pilih poli</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="32" />
        <source>Touch the clinic you want to visit today.</source>
        <translation>Sentuh poli yang ingin Anda kunjungi hari ini.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="33" />
        <source>Several doctors practise here today.</source>
        <translation>Beberapa dokter praktik di sini hari ini.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="40" />
        <source>No clinic is open for new tickets right now.</source>
        <translation>Saat ini tidak ada poli yang menerima tiket baru.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="68" />
        <source>Any doctor</source>
        <translation>Dokter mana saja</translation>
    </message>
</context>
<context>
    <name>QueueTab</name>
    <message>
        <location filename="../../ui/staff/tabs.py" line="449" />
        <source>Waiting, in call order</source>
        <translation>Menunggu, urut pemanggilan</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="450" />
        <source>Being called</source>
        <translation>Sedang dipanggil</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="451" />
        <source>Call next</source>
        <translation>Panggil berikutnya</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="452" />
        <source>Call again</source>
        <translation>Panggil ulang</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="453" />
        <source>Not present</source>
        <translation>Tidak hadir</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="454" />
        <source>Served</source>
        <translation>Dilayani</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="457" />
        <source>elderly</source>
        <translation>lansia</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="458" />
        <source>disabled</source>
        <translation>disabilitas</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="458" />
        <source>pregnant</source>
        <translation>ibu hamil</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="470" />
        <source>No polis are set up on this kiosk yet.</source>
        <translation>Belum ada poli yang diatur di anjungan ini.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="494" />
        <source>Nobody is waiting for this poli.</source>
        <translation>Tidak ada yang menunggu di poli ini.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="496" />
        <source>Calling %1.</source>
        <translation>Memanggil %1.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="503" />
        <source>Choose a number under "Being called" first.</source>
        <translation>Pilih nomor di bawah "Sedang dipanggil" terlebih dahulu.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="514" />
        <location filename="../../ui/staff/tabs.py" line="528" />
        <source>That number is no longer being called.</source>
        <translation>Nomor itu sudah tidak dipanggil.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="516" />
        <source>Calling %1 again.</source>
        <translation>Memanggil ulang %1.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="530" />
        <source>Done.</source>
        <translation>Selesai.</translation>
    </message>
</context>
<context>
    <name>ReprintTab</name>
    <message>
        <location filename="../../ui/staff/tabs.py" line="558" />
        <source>Today's number (e.g. A-012)</source>
        <translation>Nomor hari ini (mis. A-012)</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="559" />
        <source>Reprint ticket</source>
        <translation>Cetak ulang tiket</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="562" />
        <source>No printer is configured on this kiosk.</source>
        <translation>Tidak ada printer yang diatur di anjungan ini.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="571" />
        <source>That is not a queue number; type it like A-012.</source>
        <translation>Itu bukan nomor antrean; ketik seperti A-012.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="574" />
        <source>No ticket %1 today.</source>
        <translation>Tidak ada tiket %1 hari ini.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="583" />
        <source>The printer did not print: %1</source>
        <translation>Printer tidak mencetak: %1</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="586" />
        <source>Ticket %1 printed again.</source>
        <translation>Tiket %1 sudah dicetak ulang.</translation>
    </message>
</context>
<context>
    <name>Screen</name>
    <message>
        <location filename="../../ui/screens/base.py" line="72" />
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message>
        <location filename="../../ui/screens/base.py" line="74" />
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
</context>
<context>
    <name>StaffDesk</name>
    <message>
        <location filename="../../ui/staff/desk.py" line="127" />
        <source>Staff desk</source>
        <translation>Meja petugas</translation>
    </message>
    <message>
        <location filename="../../ui/staff/desk.py" line="128" />
        <source>Logged in as %1</source>
        <translation>Masuk sebagai %1</translation>
    </message>
    <message>
        <location filename="../../ui/staff/desk.py" line="129" />
        <source>Log out</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <location filename="../../ui/staff/desk.py" line="131" />
        <source>Cases</source>
        <translation>Kasus</translation>
    </message>
    <message>
        <location filename="../../ui/staff/desk.py" line="131" />
        <source>Manual verification</source>
        <translation>Verifikasi manual</translation>
    </message>
    <message>
        <location filename="../../ui/staff/desk.py" line="131" />
        <source>Face enrolment</source>
        <translation>Pendaftaran wajah</translation>
    </message>
    <message>
        <location filename="../../ui/staff/desk.py" line="132" />
        <source>Queue</source>
        <translation>Antrean</translation>
    </message>
    <message>
        <location filename="../../ui/staff/desk.py" line="132" />
        <source>Reprint</source>
        <translation>Cetak ulang</translation>
    </message>
    <message>
        <location filename="../../ui/staff/desk.py" line="132" />
        <source>Sync</source>
        <translation>Sinkronisasi</translation>
    </message>
    <message>
        <location filename="../../ui/staff/desk.py" line="133" />
        <source>Daily summary</source>
        <translation>Ringkasan harian</translation>
    </message>
</context>
<context>
    <name>StatusScreen</name>
    <message>
        <location filename="../../ui/screens/status.py" line="64" />
        <source>Your JKN membership</source>
        <translation>Kepesertaan JKN Anda</translation>
    </message>
    <message>
        <location filename="../../ui/screens/status.py" line="71" />
        <source>Checking your status…</source>
        <translation>Memeriksa status Anda…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/status.py" line="86" />
        <source>Continue</source>
        <translation>Lanjut</translation>
    </message>
    <message>
        <location filename="../../ui/screens/status.py" line="87" />
        <source>OK, I will go to the counter</source>
        <translation>Baik, saya ke loket</translation>
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
        <translation>Tiket</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="674" />
        <source>Served</source>
        <translation>Dilayani</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="674" />
        <source>Absent</source>
        <translation>Tidak hadir</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="675" />
        <source>Waiting</source>
        <translation>Menunggu</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="675" />
        <source>Mean wait (min)</source>
        <translation>Rata-rata tunggu (mnt)</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="675" />
        <source>Max wait (min)</source>
        <translation>Maks. tunggu (mnt)</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="676" />
        <source>Export PDF</source>
        <translation>Ekspor PDF</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="687" />
        <source>Face verifications: %1, failed: %2 (%3). Manual verifications: %4. Cases: %5 raised, %6 resolved, %7 still open.</source>
        <translation>Verifikasi wajah: %1, gagal: %2 (%3). Verifikasi manual: %4. Kasus: %5 masuk, %6 selesai, %7 masih terbuka.</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="703" />
        <source>Could not write the report: %1</source>
        <translation>Laporan tidak dapat disimpan: %1</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="709" />
        <source>Report saved: %1</source>
        <translation>Laporan disimpan: %1</translation>
    </message>
</context>
<context>
    <name>SyncTab</name>
    <message>
        <location filename="../../ui/staff/tabs.py" line="609" />
        <source>Central server</source>
        <translation>Server pusat</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="609" />
        <source>Last successful sync</source>
        <translation>Sinkronisasi terakhir yang berhasil</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="610" />
        <source>Events waiting to be sent</source>
        <translation>Data menunggu dikirim</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="610" />
        <source>Events the server refused</source>
        <translation>Data yang ditolak server</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="611" />
        <source>Last problem</source>
        <translation>Masalah terakhir</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="616" />
        <source>never</source>
        <translation>belum pernah</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/staff/tabs.py" line="619" />
        <source>%n second(s) ago</source>
        <translation>
            <numerusform>%n detik yang lalu</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/staff/tabs.py" line="621" />
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>%n menit yang lalu</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/staff/tabs.py" line="622" />
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>%n jam yang lalu</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="627" />
        <source>none (standalone kiosk)</source>
        <translation>tidak ada (anjungan mandiri)</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="630" />
        <source>online</source>
        <translation>daring</translation>
    </message>
    <message>
        <location filename="../../ui/staff/tabs.py" line="630" />
        <source>OFFLINE</source>
        <translation>LURING</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <location filename="../../ui/screens/queue.py" line="104" />
        <source>Your queue number</source>
        <translation>Nomor antrean Anda</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="105" />
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="113" />
        <source>Online booking checked in</source>
        <translation>Booking online sudah check-in</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="114" />
        <source>New queue number</source>
        <translation>Nomor antrean baru</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="119" />
        <source>You will be called soon.</source>
        <translation>Anda akan segera dipanggil.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="121" />
        <source>About %1–%2 minutes (%3 ahead of you)</source>
        <translation>Sekitar %1–%2 menit (%3 orang sebelum Anda)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="126" />
        <source>Printing your ticket…</source>
        <translation>Mencetak tiket Anda…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="128" />
        <source>✔ Please take your printed ticket.</source>
        <translation>✔ Silakan ambil tiket Anda.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="131" />
        <source>The printer has a problem: show this screen at the counter. Your number is kept.</source>
        <translation>Printer bermasalah: tunjukkan layar ini di loket. Nomor Anda tetap berlaku.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="141" />
        <source>Your queue number is %1</source>
        <translation>Nomor antrean Anda %1</translation>
    </message>
</context>
<context>
    <name>WaitingRoomDisplay</name>
    <message>
        <location filename="../../ui/display/board.py" line="119" />
        <location filename="../../ui/display/board.py" line="124" />
        <source>Previous numbers</source>
        <translation>Nomor sebelumnya</translation>
    </message>
    <message>
        <location filename="../../ui/display/board.py" line="126" />
        <source>Please wait for your number to be called</source>
        <translation>Silakan menunggu nomor Anda dipanggil</translation>
    </message>
    <message>
        <location filename="../../ui/display/board.py" line="136" />
        <source>Number %1, please go to %2</source>
        <translation>Nomor %1, silakan ke %2</translation>
    </message>
</context>
</TS>