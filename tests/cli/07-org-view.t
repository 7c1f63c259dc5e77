#!/bin/sh
# diagnose org (the organisation view: per item the weakest answer of the
# latest round of each respondent) and the 該当なし rule of the organisation.
. "$(dirname "$0")/lib.sh"

init_db
run diagnose org
is_rc 1 "diagnose org without any completed round fails"
has "$ERR" "完了した診断がまだありません" "… saying there is none yet"

# an older round of 営業部, weaker everywhere: replaced by the newer one
answers_csv "$T/old.csv" $(i=1; while [ $i -le 25 ]; do printf '%s=no ' $i; i=$((i + 1)); done)
run diagnose --answers "$T/old.csv" --respondent "営業部"
is_rc 0 "an old round of 営業部"
answers_csv "$T/a.csv" 1=no 2=yes 3=unknown 4=partial 9=na
run diagnose --answers "$T/a.csv" --respondent "営業部"
is_rc 0 "the latest round of 営業部"
answers_csv "$T/b.csv" 1=yes 2=partial 3=no 4=partial 9=yes
run diagnose --answers "$T/b.csv" --respondent "総務部"
is_rc 0 "the latest round of 総務部"
# a draft of a third respondent does not count
printf 'q\n' | "$MAMORI" --db "$DB" diagnose --respondent "経理部" >/dev/null 2>&1

# weakest: 1 no (0), 2 partial (2), 3 unknown (-1), 4 partial (2), 9 yes;
# the rest yes: 0 + 2 - 1 + 2 + 4 + 20 x 4 = 87
run diagnose org
is_rc 0 "diagnose org"
has "$OUT" "回答者 2、各項目は最も弱い回答で集計" "two respondents are counted (not the old round, not the draft)"
has "$OUT" "合計点: 87 / 100" "the total of the weakest answers"
has "$OUT" "基本的対策              7 / 20" "the part of the weakest answers"
has "$OUT" "   3. パスワードの強化" "わからない wins over 実施していない"
run diagnose org --format json
is_rc 0 "diagnose org --format json"
json "$OUT" 'd["respondents"] == 2 and d["total"] == 87 and d["max"] == 100' "JSON: respondents and total"
json "$OUT" '[i["answer"] for i in d["items"][:4]] == ["no", "partial", "unknown", "partial"]' \
    "JSON: per item the weakest answer"
json "$OUT" 'd["items"][8]["answer"] == "yes"' "実施している is weaker than 該当なし"
json "$OUT" 'd["unknown"] == [3]' "JSON: unknown"
run diagnose org --format csv
is_rc 0 "diagnose org --format csv"
has "$OUT" ",unknown,わからない,-1," "the CSV has the weakest answers"
is "$(wc -l <"$OUT" | tr -d ' ')" "26" "the CSV has the 25 items"

# --- the 該当なし rule
answers_csv "$T/na.csv" 3=no 4=unknown 9=na 13=na 21=na 22=na 23=na
run diagnose --answers "$T/na.csv" --respondent "品質部"
is_rc 0 "a round with five 該当なし under the default rule"
full_id=$(sql "$DB" "SELECT max(id) FROM diag_round")
has "$OUT" "合計点: 91 / 100" "該当なし counts as full points: 91"
run org set na-rule exclude
is_rc 0 "org set na-rule exclude"
run diagnose --answers "$T/na.csv" --respondent "品質部"
is_rc 0 "the same answers recorded again"
has "$OUT" "合計点: 89 / 100 (該当なしの項目を除いて 71 / 80 点を 100 点に換算)" \
    "the new round is scored without the 該当なし items: 89"
has "$OUT" "前回 (診断 #" "the change since the previous round of 品質部 is shown"
has "$OUT" "回答の変わった項目はありません" "… and no item changed"
run diagnose list --format csv
has "$OUT" ",completed,2026-01-01T00:00:00Z,2026-01-01T00:00:00Z,91,mostly" "the earlier round keeps 91"
has "$OUT" ",completed,2026-01-01T00:00:00Z,2026-01-01T00:00:00Z,89,mostly" "the new round has 89"
run diagnose show "$full_id" --format csv
has "$OUT" ",na,該当なし,4," "the earlier round still counts 該当なし as 4 points"
run diagnose show "$(sql "$DB" "SELECT max(id) FROM diag_round")" --format csv
has "$OUT" ",na,該当なし,," "the new round counts no points for 該当なし"
run org show --format json
json "$OUT" 'd["na_rule"] == "exclude" and d["latest_diagnosis"]["total"] == 89' "org show has the rule and the latest total"
run org set na-rule full
is_rc 0 "org set na-rule full"
run diagnose score --answers "$T/na.csv"
has "$OUT" "合計点: 91 / 100" "diagnose score does not depend on the organisation's rule"
is "$(sql "$DB" "SELECT count(*) FROM audit_log WHERE action = 'org.setting'")" "2" \
    "each change of the rule is audited"
run audit verify
is_rc 0 "the audit log verifies"

done_testing
