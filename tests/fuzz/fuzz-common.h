/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "tessera-store.h"

G_BEGIN_DECLS

/* libFuzzer's entry points (the fuzzer's main() calls them). Every target defines
 * LLVMFuzzerTestOneInput(); LLVMFuzzerInitialize() is fuzz-common.c's, calling
 * tessera_fuzz_init(). */
int           LLVMFuzzerInitialize               (int          *argc,
                                                  char       ***argv);
int           LLVMFuzzerTestOneInput             (const uint8_t *data,
                                                  size_t         size);

void          tessera_fuzz_init                  (void);
const char   *tessera_fuzz_get_dir               (void);
char         *tessera_fuzz_build_path            (const char    *name);
char         *tessera_fuzz_new_project           (const char    *name);
TesseraStore *tessera_fuzz_open_project          (const char    *path,
                                                  TesseraStoreOpenFlags flags);
void          tessera_fuzz_close_project         (TesseraStore  *store);
void          tessera_fuzz_remove_project        (const char    *path);
char         *tessera_fuzz_dup_project_digest    (const char    *path);
const char   *tessera_fuzz_get_fresh_digest      (void);
void          tessera_fuzz_write_file            (const char    *path,
                                                  const void    *data,
                                                  gsize          length);
void          tessera_fuzz_assert_dir_empty      (void);
void          tessera_fuzz_assert_error          (const GError  *error);
void          tessera_fuzz_assert_document_sound (TesseraStore  *store,
                                                  gint64         document_id);
void          tessera_fuzz_assert_project_sound  (TesseraStore  *store);
void          tessera_fuzz_assert_import         (TesseraStore  *store,
                                                  GPtrArray     *results,
                                                  const GError  *error);
void          tessera_fuzz_end_import            (TesseraStore  *store,
                                                  const char    *project,
                                                  gboolean       imported);

G_END_DECLS
