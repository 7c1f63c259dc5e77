/* asset_print.h — what `mamori asset` and `mamori risk` share: media,
 * bands, treatment kinds and statuses read as users write them (id or
 * Japanese or English label), the Japanese labels of the risk columns,
 * and columns of a fixed terminal width.
 *
 * Nothing here decides a rule of the risk analysis: the values come from
 * the services and the catalog; this only names and lines them up.
 * Every function is thread-safe; returned strings are static or owned
 * by the catalog.
 */
#ifndef MM_ASSET_PRINT_H
#define MM_ASSET_PRINT_H

#include <stddef.h>
#include <stdio.h>

#include "core/risk.h"
#include "store/asset_store.h"

/* ap_medium — the medium written as S (its id, or its label in either
 * language), or NULL. */
const struct risk_medium *ap_medium(const struct risk_model *m, const char *s);

/* ap_medium_label — the Japanese label of medium ID (ID itself when it
 * is not in the catalog). */
const char *ap_medium_label(const struct risk_model *m, const char *id);

/* ap_media_list — the Japanese labels of every medium, "、"-separated,
 * into OUT (for messages). */
void ap_media_list(const struct risk_model *m, char *out, size_t outsz);

/* ap_band — the band written as S: its id ("risk-high"), the id without
 * "risk-" ("high"), or its label (大 / High); NULL when none. */
const struct risk_band *ap_band(const struct risk_model *m, const char *s);

/* ap_band_label — 大 / 中 / 小 for band ID ("" when unknown). */
const char *ap_band_label(const struct risk_model *m, const char *id);

/* ap_treatment — the treatment kind written as S (id or label), or NULL. */
const struct risk_treatment_kind *ap_treatment(const struct risk_model *m,
    const char *s);

/* ap_treatment_label — 低減 … for kind ID (ID when unknown). */
const char *ap_treatment_label(const struct risk_model *m, const char *id);

/* ap_status — "planned", "in_progress" or "done" for S written as such
 * or as 予定 / 実施中 / 完了; NULL when none. */
const char *ap_status(const char *s);

/* ap_status_label — 予定 / 実施中 / 完了 for status ID. */
const char *ap_status_label(const char *id);

/* ap_threat_source_label / ap_vuln_source_label — where a value came
 * from ("default", "rated", "override"), in Japanese. */
const char *ap_threat_source_label(const char *src);
const char *ap_vuln_source_label(const char *src);

/* ap_mark — a one-character mark of SRC for tables: "?" for a default
 * (未評価), "!" for an override on the asset, " " for a rated value. */
const char *ap_mark(const char *src);

/* ap_col — write S to F in exactly WIDTH terminal columns: padded with
 * spaces, or cut with "…" when wider (CJK characters count two). S is
 * valid UTF-8. */
void ap_col(FILE *f, const char *s, size_t width);

/* The ledger on standard output (mamori asset list and show). */

/* ap_ledger_csv_header — the header line of the ledger as CSV (no line
 * end); ap_ledger_csv_row — asset AS as one CSV line: every stored field
 * and the risk columns, flags as 0/1, the band as 大/中/小, text
 * neutralised against spreadsheet formulas (cli_csv_field). */
extern const char ap_ledger_csv_header[];
void ap_ledger_csv_row(const struct risk_model *m, const struct asset *as);

/* ap_ledger_text_header / ap_ledger_text_row — a table for the terminal:
 * ID, name, medium, department, C I A, 重要度, リスク値 and band. */
void ap_ledger_text_header(void);
void ap_ledger_text_row(const struct risk_model *m, const struct asset *as);

/* ap_asset_text — every field of AS, one a line, with where 脅威 and 脆弱性
 * come from and the treatment (mamori asset show). */
void ap_asset_text(const struct risk_model *m, const struct asset *as);

#endif
