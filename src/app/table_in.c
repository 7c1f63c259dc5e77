/* table_in.c — helpers shared by the spreadsheet readers. */
#include "app/table_in.h"

#include <stdio.h>

void
table_col_name(size_t col, char *out, size_t outsz)
{
	char tmp[16];
	size_t n = 0, k;

	/* bijective base 26: A..Z, AA..ZZ, AAA.. */
	col++;
	while (col > 0 && n < sizeof(tmp)) {
		col--;
		tmp[n++] = (char)('A' + col % 26);
		col /= 26;
	}
	if (outsz == 0)
		return;
	for (k = 0; k < n && k + 1 < outsz; k++)
		out[k] = tmp[n - 1 - k];
	out[k] = '\0';
}

/* days since 1970-01-01 to Y-M-D (H. Hinnant's civil_from_days) */
static void
civil(long long z, int *y, int *m, int *d)
{
	long long era, yoe, doy, mp;
	unsigned doe;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

bool
table_serial_date(double serial, bool date1904, char *out, size_t outsz)
{
	long long days;
	int y, m, d;

	if (!(serial >= 0 && serial < 3e6))
		return false;
	days = (long long)serial;
	if (date1904)
		days += 1462;
	/* 61 is 1900-03-01; 25569 is 1970-01-01 */
	if (days < 61 || days > 2958465)
		return false;
	civil(days - 25569, &y, &m, &d);
	snprintf(out, outsz, "%04d-%02d-%02d", y, m, d);
	return true;
}
