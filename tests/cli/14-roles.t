#!/bin/sh
# mamori org roles | org role: the holders of the duties of 表8 (役割と
# 責任分担) and 表9 (緊急時対応体制) — the list in text and JSON, a user
# (by e-mail) and/or a name per role, clearing, one audit record per
# change, and refused input with nothing changed (an unknown role, a user
# of another organisation, a name over 100 characters, wrong options).
. "$(dirname "$0")/lib.sh"

init_db t "役割テスト株式会社"
mm org add "別会社" --slug b >/dev/null 2>&1
mm user add taro@example.jp --org t --role owner >/dev/null 2>&1
mm user add other@example.com --org b --role owner >/dev/null 2>&1

run org roles --org t
is_rc 0 "org roles lists the roles"
has "$OUT" "情報セキュリティ管理のための役割と責任分担" "… table 8"
has "$OUT" "緊急時対応体制の役割と責任" "… and table 9"
has "$OUT" "role-inspector" "… with their ids"
has "$OUT" "(未定)" "… all undecided"
has "$OUT" "表8 の役割の担当者: 0 / 5" "… and the count of table 8"

a0=$(audit_count)
run org role --org t role-ciso --user taro@example.jp --name 代表取締役
is_rc 0 "org role sets a user with a title"
has "$OUT" "role-ciso" "… and says which role"
run org role --org t role-dept-lead --name "管理部長 佐藤" --note "副: 田中"
is_rc 0 "org role sets a name with a note"
is "$(audit_count)" "$((a0 + 2))" "one audit record per change"
is "$(sql "$DB" "SELECT name || '|' || note FROM role_holder WHERE role_id = 'role-dept-lead'")" \
    "管理部長 佐藤|副: 田中" "… stored"

run org roles --org t
has "$OUT" "代表取締役" "the list shows the holders"
has "$OUT" "管理部長 佐藤" "… by name"
has "$OUT" "(表8 の担当者)" "… and 表9 the holder of table 8"
run org roles --org t --format json
is_rc 0 "org roles --format json"
json "$OUT" "d['held'] == 2 and d['total'] == 5 and not d['complete']" "… with the count"
json "$OUT" "[i['id'] for i in d['lists'][0]['items']] == ['role-ciso', 'role-dept-lead', 'role-sysadmin', 'role-education', 'role-inspector']" \
    "… table 8 in the guideline's order"
json "$OUT" "d['lists'][0]['items'][0]['account']['email'] == 'taro@example.jp'" "… with the user's e-mail"

# complete table 8
for r in role-sysadmin role-education role-inspector; do
	mm org role --org t "$r" --name "担当 $r" >/dev/null 2>&1
done
run org roles --org t --format json
json "$OUT" "d['complete'] and d['held'] == 5" "every role of table 8 has a holder"

# clear
run org role --org t role-inspector --clear
is_rc 0 "org role --clear"
is "$(sql "$DB" "SELECT count(*) FROM role_holder WHERE role_id = 'role-inspector'")" 0 "… forgets the holder"
is "$(sql "$DB" "SELECT count(*) FROM audit_log WHERE action = 'role_holder.clear'")" 1 "… audited"

# refused, nothing changed
before=$(dump)
a1=$(audit_count)
refused "an unknown role is refused" 1 "role-nope" org role --org t role-nope --name x
refused "a user of another organisation is refused" 1 "この組織の利用者ではありません" \
    org role --org t role-inspector --user other@example.com
refused "an unknown user is refused" 1 "nobody@example.jp" org role --org t role-inspector --user nobody@example.jp
refused "a name over 100 characters is refused" 1 "100" \
    org role --org t role-inspector --name "$(printf '%0101d' 0)"
refused "a blank name is refused" 1 "氏名" org role --org t role-inspector --name "   "
refused "--clear with --name is a usage error" 2 "--clear" org role --org t role-ciso --clear --name x
refused "no holder is a usage error" 2 "--user" org role --org t role-ciso
refused "no role id is a usage error" 2 "役割の ID" org role --org t --name x
refused "org roles takes no holder" 2 "org role ROLE_ID" org roles --org t --name x
refused "an unknown organisation is refused" 1 "nope" org roles --org nope
is "$(dump)" "$before" "… and nothing changed"
is "$(audit_count)" "$a1" "… nor was recorded"

run org roles --help
is_rc 0 "org roles --help"
has "$OUT" "org role ROLE_ID" "… shows the synopsis"

done_testing
