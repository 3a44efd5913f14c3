/* rasx_conn.h -- see rasx.h. */
#ifndef RASPY_RASX_CONN_H
#define RASPY_RASX_CONN_H

#endif
