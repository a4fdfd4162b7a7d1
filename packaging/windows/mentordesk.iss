; Inno Setup 6 script: the MentorDesk installer for Windows.
; Per-user install (no administrator rights), Start-menu shortcut, optional desktop
; shortcut, .mentordesk file association, uninstaller (Settings > Apps).
;
; Build the bundle first (bash packaging/build), then, from the repository root:
;   iscc /DAppVersion=0.1.0 packaging\windows\mentordesk.iss
; The installer is written to dist\installer\MentorDesk-<version>-setup.exe.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "MentorDesk"
#define AppExe "mentordesk.exe"
#define Root "..\.."

[Setup]
; Never change AppId: upgrades and the uninstaller find the installed app by it.
AppId={{6C1F3E52-8B7A-4D2E-9F5C-0B1E7A9D4C31}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=MentorDesk developers
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
OutputDir={#Root}\dist\installer
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile={#Root}\resources\mentordesk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Root}\dist\MentorDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .mentordesk files open in MentorDesk (HKA: the current user's classes when installed
; per user, the machine's when installed for everyone).
Root: HKA; Subkey: "Software\Classes\.mentordesk\OpenWithProgids"; ValueType: string; ValueName: "MentorDesk.Database"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\MentorDesk.Database"; ValueType: string; ValueName: ""; ValueData: "MentorDesk database"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\MentorDesk.Database\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\MentorDesk.Database\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" --db ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".mentordesk"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
