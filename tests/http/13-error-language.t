#!/bin/sh
# The messages of the services in the user's language: a refused form
# (the organisation profile with employees = -1, an address too long, a
# password too short) shows the text of locale/ja/errors.json by default
# and of locale/en/errors.json once English is chosen (?lang=en, kept in
# the lang cookie), with its parameters and escaped as HTML; the API's
# error gives the message in the language asked for with its stable code
# and message key; the command line stays Japanese.
. "$(dirname "$0")/lib.sh"

# errtext LANG KEY [NAME=VALUE…] — the text of message KEY in LANG from
# locale/LANG/errors.json with its placeholders filled (the field names
# of the messages below are keys too: @NAME=KEY takes the text of KEY)
errtext() {
	"$PYTHON" - "$SRC_DIR/locale" "$@" <<'EOF'
import json, os, sys
root, lang, key = sys.argv[1], sys.argv[2], sys.argv[3]
def table(l):
    return json.load(open(os.path.join(root, l, "errors.json"), encoding="utf-8"))
def text(l, k):
    v = table(l)
    for part in k.split("."):
        v = v.get(part) if isinstance(v, dict) else None
    if not isinstance(v, str):
        sys.exit("no text for %s in %s" % (k, l))
    return v
s = text(lang, key)
for p in sys.argv[4:]:
    name, value = p.split("=", 1)
    if name.startswith("@"):
        name, value = name[1:], text(lang, value)
    s = s.replace("{{%s}}" % name, value)
print(s)
EOF
}

"$MAMORI" --db "$DB" init --org "言語テスト株式会社" --slug a >/dev/null 2>&1 || bail "init failed"
start_server
first_login adm admin@mamori.local "$ADMIN_OTP"
add_user owner owner@a.example.jp a owner

EMP_JA=$(errtext ja err.org.employees_range value=-1)
EMP_EN=$(errtext en err.org.employees_range value=-1)
[ -n "$EMP_JA" ] && [ -n "$EMP_EN" ] && [ "$EMP_JA" != "$EMP_EN" ]
ok $? "the message has a Japanese and a different English text ($EMP_EN)"
LONG=$(printf 'あ%.0s' $(seq 1 201))
ADDR_JA=$(errtext ja err.input.too_many_chars @field=err.field.address max=200)
ADDR_EN=$(errtext en err.input.too_many_chars @field=err.field.address max=200)
PW_JA=$(errtext ja err.password.too_short min=12)
PW_EN=$(errtext en err.password.too_short min=12)
emp() {
	sql "SELECT employees FROM org WHERE slug = 'a'"
}
EMP0=$(emp)

# --- Japanese: the default
as_user owner
post /o/a/profile -d "employees=-1"
is_status 400 "employees = -1 is refused (400)"
has "$BODY" "$EMP_JA" "… with the Japanese message of locale/ja"
hasnt "$BODY" "$EMP_EN" "… and not the English one"
hasnt "$BODY" "err.org" "… never a message key"
is "$(emp)" "$EMP0" "… and nothing is saved"
post /o/a/profile --data-urlencode "address=$LONG"
is_status 400 "an address of 201 characters is refused"
has "$BODY" "$ADDR_JA" "… naming the field in Japanese ($ADDR_JA)"
post /account/password --data-urlencode "current=$(cat "$T/pw.owner")" \
    --data-urlencode "new=Short-pw-11" --data-urlencode "confirm=Short-pw-11"
is_status 400 "a password of 11 characters is refused"
has "$BODY" "$PW_JA" "… with the Japanese message and its minimum"
post /o/a/profile --data-urlencode "employees=<b>x</b>"
is_status 400 "employees = <b>x</b> is refused"
has "$BODY" "$(errtext ja err.org.employees_range 'value=&lt;b&gt;x&lt;/b&gt;')" \
    "… the value in the message escaped as HTML"
hasnt "$BODY" "<b>x</b>" "… never as markup"

# --- English, chosen as a person does: ?lang=en, then the cookie
get "/o/a/profile?lang=en"
is_status 200 "the profile page in English"
is "$(set_cookie_value lang)" "en" "… sets the lang cookie"
post /o/a/profile -d "employees=-1"
is_status 400 "employees = -1 is refused in English too"
has "$BODY" "$EMP_EN" "… with the English message of locale/en"
hasnt "$BODY" "$EMP_JA" "… and not the Japanese one"
hasnt "$BODY" "err.org" "… never a message key"
post /o/a/profile --data-urlencode "address=$LONG"
has "$BODY" "$ADDR_EN" "the field's name in English too ($ADDR_EN)"
post /account/password --data-urlencode "current=$(cat "$T/pw.owner")" \
    --data-urlencode "new=Short-pw-11" --data-urlencode "confirm=Short-pw-11"
is_status 400 "a short password is refused in English"
has "$BODY" "$PW_EN" "… with the English message and its minimum"
hasnt "$BODY" "$PW_JA" "… and not the Japanese one"
post /account/password --data-urlencode "current=wrong-password-123" \
    --data-urlencode "new=Nagai-pasuwado-2026" --data-urlencode "confirm=Nagai-pasuwado-2026"
has "$BODY" "$(errtext en err.account.current_password)" "a wrong current password, in English"

# --- and back to Japanese
get "/o/a/profile?lang=ja"
post /o/a/profile -d "employees=-1"
has "$BODY" "$EMP_JA" "back in Japanese: the Japanese message again"
hasnt "$BODY" "$EMP_EN" "… and not the English one"

# --- the API: code, key and the text in the language asked for
as_token owner
http POST "/api/profile?org=a&lang=en" -H "Content-Type: application/json" \
    --data-binary '{"employees": "-1"}'
is_status 400 "the API refuses employees = -1 (400)"
json "$BODY" 'd["error"]["status"] == 400 and d["error"]["code"] == "invalid" and d["error"]["key"] == "err.org.employees_range"' \
    "… with the error's code and message key"
json "$BODY" 'd["error"]["message"] == '"$(printf '%s' "$EMP_EN" | "$PYTHON" -c 'import json,sys; print(json.dumps(sys.stdin.read()))')" \
    "… and the English text"
http POST "/api/profile?org=a" -H "Content-Type: application/json" \
    --data-binary '{"employees": "-1"}'
json "$BODY" 'd["error"]["message"] == '"$(printf '%s' "$EMP_JA" | "$PYTHON" -c 'import json,sys; print(json.dumps(sys.stdin.read()))')" \
    "… Japanese when no language is asked for"
get "/api/nothing-here?lang=en"
json "$BODY" 'd["error"]["status"] == 404 and d["error"]["key"] == "error.not_found"' \
    "a page's own error gives its locale key"

# --- the command line stays Japanese
cli org set --org a employees -- -1
isnt "$?" 0 "mamori org set employees -1 fails"
has "$ERR" "$(errtext ja err.org.employees_range value=-1)" "… printing the Japanese message"
cli org set --org a address "$LONG"
has "$ERR" "$ADDR_JA" "… and the field's Japanese name"

stop_server_checked
done_testing
