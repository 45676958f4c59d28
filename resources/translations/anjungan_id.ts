<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="id" sourcelanguage="en">
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../../ui/screens/attract.py" line="65" />
        <source>Scan your IKD QR code or digital JKN card</source>
        <translation>Pindai QR IKD atau kartu JKN digital</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attract.py" line="66" />
        <source>Type NIK or card number</source>
        <translation>Ketik NIK atau nomor kartu</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attract.py" line="68" />
        <source>The camera is not working. You can still check in: press the button below to type your NIK or card number. Staff have been told.</source>
        <translation>Kamera tidak berfungsi. Anda tetap bisa mendaftar: tekan tombol di bawah untuk mengetik NIK atau nomor kartu. Petugas sudah diberi tahu.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attract.py" line="72" />
        <source>That code is not an IKD or JKN card. Please show your IKD QR code or digital JKN card, or type your number.</source>
        <translation>Kode itu bukan IKD atau kartu JKN. Tunjukkan QR IKD atau kartu JKN digital Anda, atau ketik nomor Anda.</translation>
    </message>
</context>
<context>
    <name>BusyScreen</name>
    <message>
        <location filename="../../ui/screens/simple.py" line="24" />
        <source>Please wait</source>
        <translation>Mohon tunggu</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="26" />
        <source>Looking up your membership…</source>
        <translation>Memeriksa kepesertaan Anda…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="27" />
        <source>Looking for today's booking and open clinics…</source>
        <translation>Mencari booking hari ini dan poli yang buka…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="28" />
        <source>Preparing your queue number…</source>
        <translation>Menyiapkan nomor antrean Anda…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="30" />
        <source>One moment…</source>
        <translation>Sebentar…</translation>
    </message>
</context>
<context>
    <name>Counter</name>
    <message>
        <location filename="../../ui/screens/simple.py" line="80" />
        <source>Your number was not found in this clinic's list of participants.</source>
        <translation>Nomor Anda tidak ditemukan dalam daftar peserta faskes ini.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="82" />
        <source>Your face has not been registered yet. Staff can register it for you.</source>
        <translation>Wajah Anda belum terdaftar. Petugas dapat mendaftarkannya untuk Anda.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="84" />
        <source>Your face could not be verified. Staff will check your identity.</source>
        <translation>Wajah Anda tidak dapat diverifikasi. Petugas akan memeriksa identitas Anda.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="86" />
        <source>Your JKN membership is not active. Staff can help you further.</source>
        <translation>Kepesertaan JKN Anda tidak aktif. Petugas dapat membantu Anda lebih lanjut.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="88" />
        <source>Your membership status needs to be checked by staff.</source>
        <translation>Status kepesertaan Anda perlu diperiksa oleh petugas.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="90" />
        <source>A queue number could not be issued here.</source>
        <translation>Nomor antrean tidak dapat diberikan di sini.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="92" />
        <source>Your membership could not be looked up right now.</source>
        <translation>Kepesertaan Anda tidak dapat diperiksa saat ini.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="94" />
        <source>The kiosk has a technical problem. We are sorry.</source>
        <translation>Anjungan mengalami gangguan teknis. Mohon maaf.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="105" />
        <source>Tickets for this clinic are not issued at this hour.</source>
        <translation>Tiket poli ini tidak dilayani pada jam ini.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="106" />
        <source>Today's quota for this clinic is full.</source>
        <translation>Kuota poli ini untuk hari ini sudah penuh.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="107" />
        <source>The clinic is closed today (holiday).</source>
        <translation>Poli tutup hari ini (hari libur).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="108" />
        <source>No new tickets for this session any more.</source>
        <translation>Tidak ada tiket baru lagi untuk sesi ini.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="109" />
        <source>No doctor practises in this clinic today.</source>
        <translation>Tidak ada dokter yang praktik di poli ini hari ini.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="110" />
        <source>Your membership does not allow a ticket.</source>
        <translation>Kepesertaan Anda tidak memungkinkan pengambilan tiket.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="111" />
        <source>This clinic is not available.</source>
        <translation>Poli ini tidak tersedia.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="112" />
        <source>No queue numbers are available on this kiosk.</source>
        <translation>Nomor antrean di anjungan ini sedang habis.</translation>
    </message>
</context>
<context>
    <name>CounterScreen</name>
    <message>
        <location filename="../../ui/app.py" line="108" />
        <location filename="../../ui/screens/simple.py" line="137" />
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="135" />
        <location filename="../../ui/screens/simple.py" line="147" />
        <source>Please go to the registration counter</source>
        <translation>Silakan ke loket pendaftaran</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="136" />
        <source>COUNTER</source>
        <translation>LOKET</translation>
    </message>
</context>
<context>
    <name>ErrorScreen</name>
    <message>
        <location filename="../../ui/screens/error.py" line="59" />
        <source>This kiosk is out of service</source>
        <translation>Anjungan ini sedang tidak dapat digunakan</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="61" />
        <source>Please go to the registration counter. Staff: the detail below is also in the kiosk log.</source>
        <translation>Silakan ke loket pendaftaran. Petugas: rincian di bawah ini juga tercatat di log anjungan.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/screens/error.py" line="16" />
        <source>The kiosk settings contain a mistake, so the kiosk cannot start.</source>
        <translation>Pengaturan anjungan berisi kesalahan, sehingga anjungan tidak dapat dijalankan.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="18" />
        <source>The kiosk settings file cannot be read, so the kiosk cannot start.</source>
        <translation>Berkas pengaturan anjungan tidak dapat dibaca, sehingga anjungan tidak dapat dijalankan.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="20" />
        <source>The kiosk cannot write to its data folder.</source>
        <translation>Anjungan tidak dapat menulis ke folder datanya.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="22" />
        <source>The kiosk's disk is full.</source>
        <translation>Disk anjungan penuh.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="23" />
        <source>The kiosk database was damaged. It was set aside and a new one started.</source>
        <translation>Basis data anjungan rusak. Basis data itu disisihkan dan yang baru dibuat.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="25" />
        <source>The kiosk database cannot be opened.</source>
        <translation>Basis data anjungan tidak dapat dibuka.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="26" />
        <source>The camera is not working.</source>
        <translation>Kamera tidak berfungsi.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="27" />
        <source>Face recognition files are missing.</source>
        <translation>Berkas pengenalan wajah tidak ditemukan.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="28" />
        <source>Language files are missing.</source>
        <translation>Berkas bahasa tidak ditemukan.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="29" />
        <source>The ticket printer is not responding.</source>
        <translation>Printer tiket tidak merespons.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="30" />
        <source>The ticket printer is out of paper.</source>
        <translation>Kertas printer tiket habis.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="31" />
        <source>The central server cannot be reached.</source>
        <translation>Server pusat tidak dapat dihubungi.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="32" />
        <source>The central server gave an unexpected answer.</source>
        <translation>Server pusat memberi jawaban yang tidak dikenali.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="33" />
        <source>An image could not be read.</source>
        <translation>Gambar tidak dapat dibaca.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/error.py" line="35" />
        <source>The kiosk has a technical problem.</source>
        <translation>Anjungan mengalami gangguan teknis.</translation>
    </message>
</context>
<context>
    <name>Face</name>
    <message>
        <location filename="../../ui/screens/face.py" line="17" />
        <source>Hold still, looking at the camera.</source>
        <translation>Tetap diam dan lihat ke kamera.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="18" />
        <source>Preparing the face check…</source>
        <translation>Menyiapkan pemeriksaan wajah…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="19" />
        <source>Stand in front of the camera, your face inside the oval.</source>
        <translation>Berdirilah di depan kamera, wajah Anda di dalam oval.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="20" />
        <source>Come a little closer.</source>
        <translation>Mendekatlah sedikit.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="21" />
        <source>Move back a little.</source>
        <translation>Mundurlah sedikit.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="22" />
        <source>Move so your face is inside the oval.</source>
        <translation>Geser posisi agar wajah Anda di dalam oval.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="23" />
        <source>It is too dark: face the light.</source>
        <translation>Terlalu gelap: hadapkan wajah ke arah cahaya.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="24" />
        <source>Too much light behind you: turn towards the light.</source>
        <translation>Cahaya di belakang Anda terlalu terang: hadapkan wajah ke arah cahaya.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="25" />
        <source>Look straight at the camera.</source>
        <translation>Lihat lurus ke kamera.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="26" />
        <source>Hold still.</source>
        <translation>Jangan bergerak.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="27" />
        <source>Please take off your mask.</source>
        <translation>Mohon lepaskan masker Anda.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="28" />
        <source>Please take off your cap or hat.</source>
        <translation>Mohon lepaskan topi Anda.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="29" />
        <source>Please take off dark glasses.</source>
        <translation>Mohon lepaskan kacamata gelap Anda.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="30" />
        <source>Only one person in front of the camera, please.</source>
        <translation>Mohon hanya satu orang di depan kamera.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="31" />
        <source>The same person must stay in front of the camera.</source>
        <translation>Orang yang sama harus tetap berada di depan kamera.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="32" />
        <source>Checking your face…</source>
        <translation>Memeriksa wajah Anda…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="39" />
        <source>Blink your eyes</source>
        <translation>Kedipkan mata Anda</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="40" />
        <source>Open your mouth</source>
        <translation>Buka mulut Anda</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="41" />
        <source>Turn your head to the left</source>
        <translation>Tolehkan kepala ke kiri</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="42" />
        <source>Turn your head to the right</source>
        <translation>Tolehkan kepala ke kanan</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="43" />
        <source>Smile</source>
        <translation>Tersenyumlah</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="44" />
        <source>Nod your head</source>
        <translation>Anggukkan kepala Anda</translation>
    </message>
</context>
<context>
    <name>FaceScreen</name>
    <message>
        <location filename="../../ui/screens/face.py" line="68" />
        <source>Look at the camera</source>
        <translation>Lihat ke kamera</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="77" />
        <source>Let's try again (attempt %1 of %2).</source>
        <translation>Mari coba lagi (percobaan %1 dari %2).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/face.py" line="107" />
        <source>Look at the camera and follow the instructions</source>
        <translation>Lihat ke kamera dan ikuti petunjuknya</translation>
    </message>
</context>
<context>
    <name>FamilyScreen</name>
    <message>
        <location filename="../../ui/screens/simple.py" line="49" />
        <source>Who is the visit for?</source>
        <translation>Untuk siapa kunjungan ini?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="51" />
        <source>You can check in a family member on your family card. Your own face is checked first.</source>
        <translation>Anda dapat mendaftarkan anggota keluarga dalam Kartu Keluarga Anda. Wajah Anda sendiri diperiksa lebih dulu.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/simple.py" line="61" />
        <source>For myself (%1)</source>
        <translation>Untuk saya sendiri (%1)</translation>
    </message>
</context>
<context>
    <name>KeypadScreen</name>
    <message>
        <location filename="../../ui/screens/keypad.py" line="30" />
        <source>Type your NIK or JKN card number</source>
        <translation>Ketik NIK atau nomor kartu JKN Anda</translation>
    </message>
    <message>
        <location filename="../../ui/screens/keypad.py" line="31" />
        <source>NIK: 16 digits (on your KTP). JKN card: 13 digits.</source>
        <translation>NIK: 16 angka (di KTP Anda). Kartu JKN: 13 angka.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/keypad.py" line="37" />
        <source>That number is not valid. Please check it and type it again.</source>
        <translation>Nomor itu tidak valid. Periksa dan ketik ulang.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/keypad.py" line="39" />
        <source>Your IKD code cannot be checked right now. Please type your NIK.</source>
        <translation>QR IKD Anda tidak dapat diperiksa saat ini. Silakan ketik NIK Anda.</translation>
    </message>
</context>
<context>
    <name>QueueScreen</name>
    <message>
        <location filename="../../ui/screens/queue.py" line="28" />
        <source>Choose a doctor</source>
        <translation>Pilih dokter</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="29" />
        <source>Choose a clinic</source>
        <translation>Pilih poli</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="30" />
        <source>Touch the clinic you want to visit today.</source>
        <translation>Sentuh poli yang ingin Anda kunjungi hari ini.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="31" />
        <source>Several doctors practise here today.</source>
        <translation>Beberapa dokter praktik di sini hari ini.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="38" />
        <source>No clinic is open for new tickets right now.</source>
        <translation>Saat ini tidak ada poli yang menerima tiket baru.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="65" />
        <source>Any doctor</source>
        <translation>Dokter mana saja</translation>
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
    <name>StatusScreen</name>
    <message>
        <location filename="../../ui/screens/status.py" line="63" />
        <source>Your JKN membership</source>
        <translation>Kepesertaan JKN Anda</translation>
    </message>
    <message>
        <location filename="../../ui/screens/status.py" line="70" />
        <source>Checking your status…</source>
        <translation>Memeriksa status Anda…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/status.py" line="85" />
        <source>Continue</source>
        <translation>Lanjut</translation>
    </message>
    <message>
        <location filename="../../ui/screens/status.py" line="86" />
        <source>OK, I will go to the counter</source>
        <translation>Baik, saya ke loket</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <location filename="../../ui/screens/queue.py" line="101" />
        <source>Your queue number</source>
        <translation>Nomor antrean Anda</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="102" />
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="110" />
        <source>Online booking checked in</source>
        <translation>Booking online sudah check-in</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="111" />
        <source>New queue number</source>
        <translation>Nomor antrean baru</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="116" />
        <source>You will be called soon.</source>
        <translation>Anda akan segera dipanggil.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="118" />
        <source>About %1–%2 minutes (%3 ahead of you)</source>
        <translation>Sekitar %1–%2 menit (%3 orang sebelum Anda)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="123" />
        <source>Printing your ticket…</source>
        <translation>Mencetak tiket Anda…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="125" />
        <source>✔ Please take your printed ticket.</source>
        <translation>✔ Silakan ambil tiket Anda.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="128" />
        <source>The printer has a problem: show this screen at the counter. Your number is kept.</source>
        <translation>Printer bermasalah: tunjukkan layar ini di loket. Nomor Anda tetap berlaku.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="138" />
        <source>Your queue number is %1</source>
        <translation>Nomor antrean Anda %1</translation>
    </message>
</context>
</TS>