; Inno Setup recipe: installs the PyInstaller bundle (dist\gsn-studio, built on Windows by
; the same spec) and registers .gsnx files to open in GSN Studio with its icon.
; NOT BUILT OR TESTED HERE (see packaging/README.md). Compile from the repository root:
;   iscc /DAppVersion=0.1.0 packaging\windows\gsn-studio.iss
#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\windows\gsn-studio.iss
#endif
#define AppName "GSN Studio"
#define GuiExe "GSN Studio.exe"
#define ProgId "GSNStudio.Case"

[Setup]
; The AppId identifies the product across upgrades: never change it.
AppId={{8C1E3F52-6B7A-4B8E-9F3D-2A1C5E7D9B40}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=GSN Studio developers
AppPublisherURL=https://github.com/gsn-studio/gsn-studio
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
LicenseFile=..\..\LICENSE
SetupIconFile=..\pyinstaller\gsn-studio.ico
UninstallDisplayIcon={app}\{#GuiExe}
OutputDir=..\..\dist
OutputBaseFilename=gsn-studio-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Managed desktops: installs per user without administrator rights when asked to.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
; Tell Explorer the file associations changed, so .gsnx icons update at once.
ChangesAssociations=yes

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\gsn-studio\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#GuiExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#GuiExe}"; Tasks: desktopicon

[Registry]
; HKA: HKLM for an all-users install, HKCU for a per-user one.
Root: HKA; Subkey: "Software\Classes\.gsnx"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-gsnx"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.gsnx\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "GSN safety case"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#GuiExe}"",0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#GuiExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#GuiExe}\SupportedTypes"; ValueType: string; ValueName: ".gsnx"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
