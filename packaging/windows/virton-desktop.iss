; Inno Setup 6 script of VirtOn Desktop: a Windows installer of the PyInstaller bundle.
;
; On Windows, from the repository root:
;   py -3.11 -m pip install -e ".[package]"
;   py -3.11 -m PyInstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\pyinstaller\virton-desktop.spec
;   iscc /DAppVersion=0.1.0 packaging\windows\virton-desktop.iss
; Output: dist\virton-desktop-<version>-setup.exe
;
; Installs dist\virton-desktop\ (one-folder bundle) into Program Files, or for the current user
; only when not elevated (the wizard asks), with a Start-menu entry, an optional desktop
; icon and an uninstaller (Settings > Apps). Settings (registry, HKCU\Software\VirtOn) and
; saved clusters are left in place on uninstall.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "VirtOn Desktop"
#define AppExe "virton-desktop.exe"
#define Root SourcePath + "..\.."

[Setup]
; AppId identifies the installation for upgrades and the uninstaller: never change it.
AppId={{8083F9E5-C45E-45C7-8BAF-0C1FBE81EC68}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=VirtOn Desktop developers
AppCopyright=Copyright (C) the VirtOn Desktop developers; AGPL-3.0-or-later
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 runs on Windows 10 1809 and later.
MinVersion=10.0.17763
LicenseFile={#Root}\LICENSE
SetupIconFile={#Root}\virton_desktop\resources\icons\virton-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir={#Root}\dist
OutputBaseFilename=virton-desktop-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
LZMAUseSeparateProcess=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
#if FileExists(CompilerPath + "Languages\Korean.isl")
Name: "korean"; MessagesFile: "compiler:Languages\Korean.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Root}\dist\virton-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "Desktop client for Proxmox VE clusters"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Files the app may have written beside itself (none expected); the folder goes with them.
Type: dirifempty; Name: "{app}"
