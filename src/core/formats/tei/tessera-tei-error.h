/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TESSERA_TEI_ERROR (tessera_tei_error_quark ())

/**
 * TesseraTeiError:
 * @TESSERA_TEI_ERROR_FAILED: any other failure
 * @TESSERA_TEI_ERROR_MALFORMED: the file is not well-formed XML
 * @TESSERA_TEI_ERROR_NOT_TEI: well-formed XML, but not TEI
 * @TESSERA_TEI_ERROR_UNSAFE: the file tries to read other files or to expand entities
 *   without bound
 * @TESSERA_TEI_ERROR_BROKEN_POINTER: a pointer of a Tessera export leads nowhere
 * @TESSERA_TEI_ERROR_EMPTY: the file holds no text to annotate
 * @TESSERA_TEI_ERROR_CHARACTER: a text holds a character XML 1.0 cannot carry
 * @TESSERA_TEI_ERROR_SELF_CHECK: an exported file does not read back as the project
 * @TESSERA_TEI_ERROR_SCHEMA: a RELAX NG schema could not be compiled
 * @TESSERA_TEI_ERROR_INVALID: a file does not validate against the schema
 */
typedef enum
{
  TESSERA_TEI_ERROR_FAILED,
  TESSERA_TEI_ERROR_MALFORMED,
  TESSERA_TEI_ERROR_NOT_TEI,
  TESSERA_TEI_ERROR_UNSAFE,
  TESSERA_TEI_ERROR_BROKEN_POINTER,
  TESSERA_TEI_ERROR_EMPTY,
  TESSERA_TEI_ERROR_CHARACTER,
  TESSERA_TEI_ERROR_SELF_CHECK,
  TESSERA_TEI_ERROR_SCHEMA,
  TESSERA_TEI_ERROR_INVALID,
} TesseraTeiError;

GQuark tessera_tei_error_quark (void);

G_END_DECLS
