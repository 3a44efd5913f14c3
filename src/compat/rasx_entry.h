/* rasx_entry.h -- see rasx.h. */
#ifndef RASPY_RASX_ENTRY_H
#define RASPY_RASX_ENTRY_H

#endif
