<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>BulkMigrateDialog</name>
    <message numerus="yes">
        <source>Migrate %n guest(s)</source>
        <translation>
            <numerusform>Migrate %n guest</numerusform>
            <numerusform>Migrate %n guests</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BulkRunDialog</name>
    <message numerus="yes">
        <source>%1: %n guest(s)</source>
        <translation>
            <numerusform>%1: %n guest</numerusform>
            <numerusform>%1: %n guests</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConfigDiffDialog</name>
    <message numerus="yes">
        <source>%n key(s) differ.</source>
        <translation>
            <numerusform>%n key differs.</numerusform>
            <numerusform>%n keys differ.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GuestActions</name>
    <message numerus="yes">
        <source>%1: sent for %n guest(s)</source>
        <translation>
            <numerusform>%1: sent for %n guest</numerusform>
            <numerusform>%1: sent for %n guests</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LastKnownState</name>
    <message numerus="yes">
        <source>%n change(s) since you last looked</source>
        <translation>
            <numerusform>%n change since you last looked</numerusform>
            <numerusform>%n changes since you last looked</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Palette</name>
    <message numerus="yes">
        <source>%n more</source>
        <translation>
            <numerusform>%n more</numerusform>
            <numerusform>%n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n guest(s)</source>
        <translation>
            <numerusform>%n guest</numerusform>
            <numerusform>%n guests</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PaletteActions</name>
    <message numerus="yes">
        <source>%1: %n guest(s)</source>
        <translation>
            <numerusform>%1: %n guest</numerusform>
            <numerusform>%1: %n guests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 %n guest(s)?</source>
        <translation>
            <numerusform>%1 %n guest?</numerusform>
            <numerusform>%1 %n guests?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProfileManager</name>
    <message numerus="yes">
        <source>Imported %n profile(s).</source>
        <translation>
            <numerusform>Imported %n profile.</numerusform>
            <numerusform>Imported %n profiles.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SnapshotsView</name>
    <message numerus="yes">
        <source>%n snapshot(s)</source>
        <translation>
            <numerusform>%n snapshot</numerusform>
            <numerusform>%n snapshots</numerusform>
        </translation>
    </message>
</context>
</TS>
