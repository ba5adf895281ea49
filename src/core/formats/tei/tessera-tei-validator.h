/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tessera-tei-error.h"

G_BEGIN_DECLS

/**
 * TesseraTeiProblem:
 * @line: the line of the file the problem is on, from 1; 0 when unknown
 * @column: the column, from 1; 0 when unknown
 * @message: what is wrong, as the validator says it
 */
typedef struct
{
  guint  line;
  guint  column;
  char  *message;
} TesseraTeiProblem;

void tessera_tei_problem_free (TesseraTeiProblem *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraTeiProblem, tessera_tei_problem_free)

#define TESSERA_TYPE_TEI_VALIDATOR (tessera_tei_validator_get_type ())
G_DECLARE_FINAL_TYPE (TesseraTeiValidator, tessera_tei_validator, TESSERA, TEI_VALIDATOR, GObject)

TesseraTeiValidator *tessera_tei_validator_new          (const char           *schema_path,
                                                         GCancellable         *cancellable,
                                                         GError              **error);
void                 tessera_tei_validator_new_async    (const char           *schema_path,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
TesseraTeiValidator *tessera_tei_validator_new_finish   (GAsyncResult         *result,
                                                         GError              **error);
const char          *tessera_tei_validator_get_schema_path (TesseraTeiValidator *self);
gboolean             tessera_tei_validator_validate_file (TesseraTeiValidator  *self,
                                                          const char           *path,
                                                          GPtrArray           **out_problems,
                                                          GError              **error);

G_END_DECLS
