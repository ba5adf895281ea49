/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TESSERA_FORMAT_ERROR (tessera_format_error_quark ())

/**
 * TesseraFormatError:
 * @TESSERA_FORMAT_ERROR_FAILED: any other failure
 * @TESSERA_FORMAT_ERROR_UNKNOWN_FORMAT: no format has that id, or none reads that file
 * @TESSERA_FORMAT_ERROR_UNKNOWN_OPTION: the format has no option of that name
 * @TESSERA_FORMAT_ERROR_BAD_VALUE: the option does not take that value
 * @TESSERA_FORMAT_ERROR_EMPTY: there is nothing to export
 * @TESSERA_FORMAT_ERROR_CHECK: a written file does not read back as what was exported
 */
typedef enum
{
  TESSERA_FORMAT_ERROR_FAILED,
  TESSERA_FORMAT_ERROR_UNKNOWN_FORMAT,
  TESSERA_FORMAT_ERROR_UNKNOWN_OPTION,
  TESSERA_FORMAT_ERROR_BAD_VALUE,
  TESSERA_FORMAT_ERROR_EMPTY,
  TESSERA_FORMAT_ERROR_CHECK,
} TesseraFormatError;

GQuark tessera_format_error_quark (void);

/**
 * TesseraFormatProgressFunc:
 * @done: steps finished
 * @total: steps in all
 */
typedef void (*TesseraFormatProgressFunc) (guint    done,
                                           guint    total,
                                           gpointer user_data);

G_END_DECLS
