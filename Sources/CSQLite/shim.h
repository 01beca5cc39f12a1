#ifndef HUB_CSQLITE_SHIM_H
#define HUB_CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a cast of -1 to a destructor pointer and does not import into Swift.
static inline sqlite3_destructor_type hub_sqlite_transient(void) { return SQLITE_TRANSIENT; }
/// SQLITE_STATIC is a cast of 0 to a destructor pointer.
static inline sqlite3_destructor_type hub_sqlite_static(void) { return SQLITE_STATIC; }
#endif
