#!/usr/bin/env bash
# Make dist/MentorDesk-<version>-<arch>.dmg from dist/MentorDesk.app (packaging/build
# first). Signs and notarises only when the identities are given:
#
#   MACOS_SIGN_IDENTITY="Developer ID Application: Example (TEAMID)"   codesign identity
#   MACOS_NOTARY_PROFILE=mentordesk                                      a notarytool keychain
#       profile made once with: xcrun notarytool store-credentials mentordesk \
#           --apple-id you@example.org --team-id TEAMID --password <app-specific password>
#
# Without them the .dmg is unsigned (fine for testing; Gatekeeper warns users).
set -euo pipefail
cd "$(dirname "$0")/../.."
APP=dist/MentorDesk.app
[ -d "$APP" ] || { echo "make-dmg: $APP is missing; run packaging/build first" >&2; exit 2; }
VERSION=$(/usr/libexec/PlistBuddy -c "Print :CFBundleShortVersionString" "$APP/Contents/Info.plist")
DMG=dist/MentorDesk-$VERSION-$(uname -m).dmg
ENTITLEMENTS=packaging/macos/entitlements.plist

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
    # Hardened runtime (required for notarisation); --deep signs the Qt frameworks,
    # libraries and the Python runtime inside the bundle.
    codesign --force --deep --timestamp --options runtime \
        --entitlements "$ENTITLEMENTS" --sign "$MACOS_SIGN_IDENTITY" "$APP"
    codesign --verify --deep --strict --verbose=2 "$APP"
fi

STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"  # drag-to-install
rm -f "$DMG"
hdiutil create -volname "MentorDesk $VERSION" -srcfolder "$STAGE" -fs HFS+ \
    -format UDZO -ov "$DMG"

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
    codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$DMG"
fi
if [ -n "${MACOS_SIGN_IDENTITY:-}" ] && [ -n "${MACOS_NOTARY_PROFILE:-}" ]; then
    # NOTARY_KEYCHAIN: the keychain holding the profile, when not the login keychain (CI)
    xcrun notarytool submit "$DMG" --keychain-profile "$MACOS_NOTARY_PROFILE" \
        ${NOTARY_KEYCHAIN:+--keychain "$NOTARY_KEYCHAIN"} --wait
    xcrun stapler staple "$DMG"
fi
echo "Wrote $DMG ($(du -h "$DMG" | cut -f1))"
