/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tessera-core.h"

G_BEGIN_DECLS

/*
 * What every test program needs, whether it drives the core, the CLI or the window:
 * temporary folders, new and seeded projects, looking things up in a store. Every helper
 * fails the test on an error.
 *
 * test_remove_tree: removes @path and all it holds, giving write access back to folders a
 *   test took it from; symbolic links are removed, never followed.
 * test_make_seeded_project: a new project @name in @dir holding the five sample articles
 *   (TESSERA_SEEDS_DIR); returns its path.
 * test_make_tmp_dir: a new folder made from @tmpl as g_dir_make_tmp() does; returns its path.
 * test_create_project: creates and opens the new project @path.
 * test_open_existing_project: opens the existing project @path.
 * TestProject: a new project @name in a folder of its own, for a test fixture:
 *   test_project_set_up makes both, test_project_tear_down closes the project and removes the
 *   folder. @document_id is left to the fixture (the document it adds, if any).
 * test_file_sha256: the SHA-256 of the file @path, in hexadecimal. Never on a project the
 *   test holds open: read it only once its store is closed.
 * test_read_file: what the file @path holds (an export, never a project), failing the test
 *   if it cannot be read.
 * test_exec_sql: runs @sql on the SQLite file @path directly, behind Tessera's back, as an
 *   older Tessera or another program could have written it (close the project's store first).
 * test_type_id: the id of the annotation type @key, failing the test if there is none.
 * test_project_add_article: adds a document of @text, titled @title, to @project, whose
 *   document_id it becomes.
 * test_mark: marks the first @needle of @text, the document @document_id's text, as an
 *   annotation of type @key; returns its id.
 * test_assert_contains: fails the test, showing both, unless @haystack contains @needle.
 * test_choose_french_locale: a French UTF-8 locale if there is one, else C.UTF-8 (where
 *   glibc still honours LANGUAGE; it ignores it under C), exported as LC_ALL and set;
 *   returns its name. Set LANGUAGE=fr too for French messages.
 * test_bind_catalogue: binds Tessera's text domain to the build tree's catalogue
 *   (TESSERA_LOCALEDIR) or the installed one, as the programs do; returns the folder.
 */
typedef struct
{
  char         *dir;
  char         *path;
  TesseraStore *store;
  gint64        document_id;
} TestProject;

void             test_remove_tree         (const char    *path);
char            *test_make_tmp_dir        (const char    *tmpl);
TesseraStore    *test_create_project      (const char    *path);
TesseraStore    *test_open_existing_project (const char  *path);
void             test_project_set_up      (TestProject   *project,
                                           const char    *tmpl,
                                           const char    *name);
void             test_project_tear_down   (TestProject   *project);
char            *test_make_seeded_project (const char    *dir,
                                           const char    *name);
char            *test_file_sha256         (const char    *path);
char            *test_read_file           (const char    *path);
void             test_exec_sql            (const char    *path,
                                           const char    *sql);
void             test_project_add_article (TestProject   *project,
                                           const char    *title,
                                           const char    *text);
gint64           test_mark                (TesseraStore  *store,
                                           gint64         document_id,
                                           const char    *text,
                                           const char    *key,
                                           const char    *needle);
gint64           test_type_id             (TesseraStore  *store,
                                           const char    *key);
void             test_assert_contains_at  (const char    *domain,
                                           const char    *file,
                                           int            line,
                                           const char    *function,
                                           const char    *haystack,
                                           const char    *needle);
const char      *test_choose_french_locale (void);
const char      *test_bind_catalogue       (void);
#define test_assert_contains(haystack, needle) \
  test_assert_contains_at (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, (haystack), (needle))

G_END_DECLS
