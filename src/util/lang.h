/* lang.h — the languages of the user interface. */
#ifndef MM_LANG_H
#define MM_LANG_H

enum lang { LANG_JA = 0, LANG_EN = 1 };

#endif
