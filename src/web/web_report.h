/* web_report.h — the printed documents as PDF downloads: the result
 * report of a round, the answer sheet (blank or of a round) and the 5か条
 * pledge sheet (web_report.c). Their routes are in the route tables of
 * web_diag.c and web_pledge.c. Internal to src/web. */
#ifndef MM_WEB_REPORT_H
#define MM_WEB_REPORT_H

#include "web/pages.h"

/* GET /diagnosis/rounds/:id/report.pdf — the result report (completed
 * rounds; 400 for a draft, 404 for no such round) */
void page_diag_report_pdf(struct web_req *r);

/* GET /diagnosis/rounds/:id/sheet.pdf and /diagnosis/sheet.pdf — the
 * answer sheet filled for the round, or blank */
void page_diag_round_sheet_pdf(struct web_req *r);
void page_diag_sheet_pdf(struct web_req *r);

/* GET /pledges/sheet.pdf — the pledge sheet of the organisation */
void page_pledge_sheet_pdf(struct web_req *r);

#endif
