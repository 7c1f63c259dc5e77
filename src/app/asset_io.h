/* asset_io.h — the 情報資産管理台帳 to and from files: CSV, XLSX (laid out
 * like the IPA リスク分析シート, 付録7) and JSON export; CSV and XLSX
 * import with a dry run.
 *
 * The ledger file has one row per asset under a header row of these
 * columns, in this order when mamori writes it (ASSET_IO_COLUMNS):
 *
 *   ID, 業務分類, 情報資産名称, 備考, 利用者範囲, 管理部署, 媒体・保存先,
 *   個人情報, 要配慮個人情報, 特定個人情報, 機密性, 完全性, 可用性, 重要度,
 *   保存期限, 登録日, 脅威の発生頻度, 脆弱性, 被害発生可能性, リスク値,
 *   対応, 対策, 担当, 期限
 *
 * "ID" (mamori's number of the asset) is ours, added first so that a file
 * exported, edited and imported again changes the same assets; the IPA
 * sheet has no such column and the rest follow the IPA sheet.
 *
 * Import rules (mamori's, shown in the UI):
 *  - The file's type is decided by its content (a zip is XLSX, anything
 *    else is read as CSV: UTF-8 with or without BOM, or Shift_JIS). In an
 *    XLSX the sheet 情報資産管理台帳 is read, else the first sheet.
 *  - The header row is the first of the first 20 rows that holds
 *    「情報資産名称」; columns are found by name (in any order, spaces, line
 *    breaks and a trailing ※ or (…) ignored; the English keys of the API
 *    are accepted too). A second header row right below it (as in the IPA
 *    sheet, where 個人情報の種類 and 評価値 head two-row groups) is merged.
 *    Columns of other names are ignored and listed.
 *  - Add or change: a row whose ID is filled changes that asset of the
 *    organisation (an ID it does not have is an error, never a silent
 *    add). A row without an ID changes the asset of the same
 *    情報資産名称 when there is exactly one, adds a new asset when there
 *    is none, and is an error when several assets share the name. Two rows
 *    for the same asset (same ID, or same name without ID) are an error.
 *    Rows whose values equal the stored ones are left alone (no write, no
 *    audit record). Assets missing from the file are kept.
 *  - A column that is absent keeps the stored value; an empty cell clears
 *    a text, sets a flag off and is an error for 機密性/完全性/可用性.
 *  - 重要度, 被害発生可能性 and リスク値 are computed by mamori: ignored.
 *  - 脅威の発生頻度 and 脆弱性 (per-asset overrides): the value of the
 *    asset's current override keeps it; the value mamori computes without
 *    one (from the 脅威の状況 rating, the 自社診断) needs none — so an
 *    exported file imports back unchanged; any other value 1–3 becomes the
 *    asset's override; an empty cell removes the override.
 *  - 対応 (低減・保有・回避・移転) with 対策, 担当, 期限 set the treatment;
 *    an empty 対応 (and nothing in the others) removes it.
 *  - Dates: YYYY-MM-DD, YYYY/M/D, YYYY年M月D日 or an Excel date serial.
 *    Flags: ○ / 1 / はい / true … (asset_flag_parse). Full-width digits
 *    are read as digits. A leading ' before = + - @ (the neutralisation of
 *    our own exports) is removed.
 *  - All or nothing: every row is checked with the same rules as the
 *    screen (asset_apply); the real import writes inside one transaction
 *    with one audit record per asset added or changed, and rolls it back
 *    when any row is bad. The dry run does the same checks and writes
 *    nothing at all.
 */
#ifndef MM_ASSET_IO_H
#define MM_ASSET_IO_H

#include <jansson.h>
#include <stdbool.h>

#include "app/asset_service.h"
#include "util/buf.h"

#define ASSET_IO_MAX_BYTES (16u * 1024 * 1024) /* an import file */
#define ASSET_IO_MAX_ROWS 50000                /* data rows of an import */
#define ASSET_IO_SHEET "情報資産管理台帳"

enum asset_io_format {
	ASSET_IO_AUTO = 0, /* import: by content */
	ASSET_IO_CSV,
	ASSET_IO_XLSX,
	ASSET_IO_JSON      /* export only */
};

/* asset_io_format_parse — "csv", "xlsx", "json" into *OUT; false else. */
bool asset_io_format_parse(const char *s, enum asset_io_format *out);

/* asset_io_content_type — the media type of FMT, with charset for text. */
const char *asset_io_content_type(enum asset_io_format fmt);

/* asset_io_export — the ledger of O as FMT (CSV with BOM and CRLF, XLSX
 * with the sheets 情報資産管理台帳, 脅威の状況 and リスク一覧, or JSON
 * {"org":…, "assets":[asset_json…]}) appended to OUT. PROGRESS (may be
 * NULL) gets DONE of TOTAL assets written. Reads only. */
enum mm_err asset_io_export(struct app *a, const struct org *o,
    enum asset_io_format fmt, struct buf *out,
    void (*progress)(void *ctx, int done, int total), void *progress_ctx,
    struct err *e);

enum asset_import_action {
	ASSET_IMPORT_ADD = 0,
	ASSET_IMPORT_CHANGE
};

/* The texts of the report are messages (util/err.h: a key and its
 * parameters), shown in the reader's language: asset_import_report_json
 * and asset_import_list_text render them. */

/* A row that adds or changes an asset. */
struct asset_import_item {
	long row;                       /* the row of the file */
	enum asset_import_action action;
	long long id;                   /* the asset; 0 for an add in a dry run */
	char *name;                     /* owned */
	struct err_msg **changes;       /* what changes ("備考: 旧 → 新"), one message
	                                 * each; none for an add; owned */
	size_t nchanges;
};

/* A bad row (or the whole file, ROW 0). */
struct asset_import_problem {
	long row;
	struct err_msg *column;         /* "機密性 (K 列)", NULL when not one column; owned */
	struct err_msg *message;        /* owned */
};

struct asset_import_report {
	bool dry_run;
	bool committed;                 /* the real import was written */
	enum asset_io_format format;
	char encoding[32];              /* CSV: "UTF-8", "Shift_JIS", … */
	char sheet[128];                /* XLSX: the sheet read */
	long header_row;                /* 0: not found */
	long rows;                      /* data rows read */
	long added, changed, unchanged;
	struct asset_import_item *items;
	size_t nitems, items_alloc;
	struct asset_import_problem *problems;
	size_t nproblems, problems_alloc;
	struct err_msg **ignored;       /* the columns not read ("重要度 (計算列)"); owned */
	size_t nignored, ignored_alloc;
};

struct asset_import_opts {
	bool dry_run;
	enum asset_io_format format;    /* ASSET_IO_AUTO, or what the caller expects */
	void (*progress)(void *ctx, int done, int total); /* may be NULL */
	void *progress_ctx;
};

/* asset_import — import the ledger file of LEN bytes at DATA into O (see
 * the rules above). *REP (initialised here; free with
 * asset_import_report_free) gets what was (or, in a dry run, would be)
 * added and changed, and every bad row. Returns MM_OK when every row is
 * good (and, unless a dry run, all was written); MM_EINVAL when the file
 * or a row is bad — nothing written, E says how many rows and REP lists
 * them; MM_EDB/MM_ENOMEM. Not thread-safe on one struct app. */
enum mm_err asset_import(struct app *a, const struct org *o, const char *data,
    size_t len, const struct asset_import_opts *opt,
    struct asset_import_report *rep, struct err *e);

/* asset_import_report_free — release what REP owns. */
void asset_import_report_free(struct asset_import_report *rep);

/* asset_import_report_json — REP as JSON: {dry_run, committed, format,
 * encoding, sheet, header_row, rows, added, changed, unchanged,
 * items:[{row, action, id, name, changes}], problems:[{row, column,
 * message}], ignored_columns}, its texts in LANG; at most MAX_LIST items
 * and problems each (0: all), with the totals beside them. */
json_t *asset_import_report_json(const struct asset_import_report *rep,
    size_t max_list, enum lang lang);

/* asset_import_list_text — the N messages of LIST (an item's changes, the
 * ignored columns) in LANG, joined by the text of err.import.list_sep
 * ("、"), appended to OUT. Returns false when OUT failed. */
bool asset_import_list_text(struct err_msg *const *list, size_t n, enum lang lang,
    struct buf *out);

#endif
