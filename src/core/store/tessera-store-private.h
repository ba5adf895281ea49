/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "tessera-project-files-private.h"
#include "tessera-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* A user-visible change in progress: one IMMEDIATE transaction, the rows it touches
 * (their state before), and what the journal will say of it. */
typedef struct _TesseraOp TesseraOp;

struct _TesseraStore
{
  GObject      parent_instance;

  char        *path;
  sqlite3     *db;
  TesseraFileId file_id;            /* registered while db is open (tessera-project-files.c) */
  GHashTable  *statements;          /* SQL → sqlite3_stmt */
  GHashTable  *columns;             /* table → GStrv of column names */
  char        *annotator;
  gint64       annotator_id;
  char        *read_only_reason;
  gint64       data_version;
  TesseraOp   *op;

  /* The last document whose text was sliced, with the byte offset of every
   * TEXT_INDEX_STEP-th character: journal summaries of a long novel cost no scan. */
  gint64       text_cache_id;
  char        *text_cache;
  GArray      *text_cache_index;

  GListStore  *documents;
  GListStore  *tagset;
  GPtrArray   *relation_types;      /* TesseraRelationType, in tagset order */
  GListStore  *entities;
};

/* tessera-store.c */
gboolean       _tessera_store_set_error        (TesseraStore  *self,
                                                int            rc,
                                                GError       **error);
sqlite3_stmt  *_tessera_store_prepare          (TesseraStore  *self,
                                                const char    *sql,
                                                GError       **error);
sqlite3_stmt  *_tessera_store_prepare_fresh    (TesseraStore  *self,
                                                const char    *sql,
                                                GError       **error);
gboolean       _tessera_store_step_done        (TesseraStore  *self,
                                                sqlite3_stmt  *stmt,
                                                GError       **error);
gboolean       _tessera_store_step_found       (TesseraStore  *self,
                                                sqlite3_stmt  *stmt,
                                                GError       **error,
                                                const char    *not_found,
                                                ...) G_GNUC_PRINTF (4, 5);
gboolean       _tessera_store_collect_ids      (TesseraStore  *self,
                                                sqlite3_stmt  *stmt,
                                                GArray        *ids,
                                                GError       **error);
gboolean       _tessera_store_exec             (TesseraStore  *self,
                                                const char    *sql,
                                                GError       **error);
gboolean       _tessera_store_run_for_id       (TesseraStore  *self,
                                                const char    *sql,
                                                gint64         id,
                                                GError       **error);
gboolean       _tessera_store_begin            (TesseraStore  *self,
                                                GError       **error);
gboolean       _tessera_store_commit           (TesseraStore  *self,
                                                GError       **error);
void           _tessera_store_abort            (TesseraStore  *self);
char          *_tessera_store_now              (void);
gint64         _tessera_store_ensure_annotator (TesseraStore  *self,
                                                GError       **error);
gboolean       _tessera_store_check_writable   (TesseraStore  *self,
                                                GError       **error);
gboolean       _tessera_store_check_text       (const char    *table,
                                                const char    *column,
                                                const char    *text,
                                                gssize         length,
                                                GError       **error);

TesseraOp     *_tessera_op_begin               (TesseraStore  *self,
                                                const char    *action,
                                                gint64         document_id,
                                                GError       **error);
gboolean       _tessera_op_touch               (TesseraOp     *op,
                                                const char    *table,
                                                gint64         id,
                                                GError       **error);
void           _tessera_op_touch_new           (TesseraOp     *op,
                                                const char    *table,
                                                gint64         id);
gboolean       _tessera_op_touch_cascade       (TesseraOp     *op,
                                                const char    *table,
                                                gint64         id,
                                                GError       **error);
gboolean       _tessera_op_delete              (TesseraOp     *op,
                                                const char    *table,
                                                gint64         id,
                                                GError       **error);
void           _tessera_op_set_summary         (TesseraOp     *op,
                                                const char    *format,
                                                ...) G_GNUC_PRINTF (2, 3);
void           _tessera_op_set_permanent       (TesseraOp     *op);
void           _tessera_op_set_document        (TesseraOp     *op,
                                                gint64         document_id);
gboolean       _tessera_op_commit              (TesseraOp     *op,
                                                GError       **error);
void           _tessera_op_abort               (TesseraOp     *op);

static inline void
_tessera_bind_text_or_null (sqlite3_stmt *stmt,
                            int           index,
                            const char   *text)
{
  if (text == NULL || *text == '\0')
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static inline void
_tessera_bind_id_or_null (sqlite3_stmt *stmt,
                          int           index,
                          gint64        id)
{
  if (id <= 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, id);
}

static inline const char *
_tessera_column_text (sqlite3_stmt *stmt,
                      int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* tessera-store-schema.c */
guint          _tessera_store_n_migrations     (void);
gboolean       _tessera_store_migrate_step     (TesseraStore  *self,
                                                guint          step,
                                                GError       **error);

/* tessera-default-tagset.c */
gboolean       _tessera_store_add_default_tagset (TesseraStore *self,
                                                  GError      **error);
gboolean       _tessera_store_add_default_relation_types (TesseraStore *self,
                                                          GError      **error);

/* tessera-store-tagset.c: shared by the type editor and the bulk insert */
void           _tessera_store_bind_type        (sqlite3_stmt          *stmt,
                                                TesseraAnnotationType *type);

/* tessera-store-tagset.c: shared by annotation and relation types */
typedef void (*TesseraLabelSetter) (gpointer    type,
                                    const char *language,
                                    const char *label);
typedef GObject *(*TesseraTypeFromRow) (sqlite3_stmt *stmt);
typedef gint64 (*TesseraIdGetter) (gpointer item);
GPtrArray     *_tessera_store_load_types       (TesseraStore          *self,
                                                const char            *sql,
                                                TesseraTypeFromRow     from_row,
                                                TesseraIdGetter        get_id,
                                                const char            *label_table,
                                                TesseraLabelSetter     set_label,
                                                GError               **error);
gboolean       _tessera_store_check_color      (const char            *color,
                                                GError               **error);
gboolean       _tessera_store_write_labels     (TesseraStore          *self,
                                                TesseraOp             *op,
                                                const char            *table,
                                                gint64                 type_id,
                                                GHashTable            *labels,
                                                GError               **error);
gboolean       _tessera_store_move_type        (TesseraStore          *self,
                                                const char            *action,
                                                const char            *table,
                                                gint64                 type_id,
                                                int                    position,
                                                const char            *not_found,
                                                GError               **error);

/* tessera-store-relation-types.c */
gboolean       _tessera_store_reload_relation_types (TesseraStore    *self,
                                                     GError         **error);
gint64         _tessera_store_insert_relation_type  (TesseraStore    *self,
                                                     TesseraOp       *op,
                                                     TesseraRelationType *type,
                                                     GError         **error);
gboolean       _tessera_store_ensure_relation_type  (TesseraStore    *self,
                                                     TesseraOp       *op,
                                                     const char      *key,
                                                     GError         **error);

/* Model refreshes after a commit, by the domain files. A reload that fails (a damaged
 * file) leaves the list as it was. */
gboolean       _tessera_store_reload_tagset    (TesseraStore  *self,
                                                GError       **error);
gboolean       _tessera_store_reload_documents (TesseraStore  *self,
                                                GError       **error);
gboolean       _tessera_store_reload_entities  (TesseraStore  *self,
                                                GError       **error);
gboolean       _tessera_store_list_find        (GListModel      *list,
                                                gint64           id,
                                                TesseraIdGetter  get_id,
                                                guint           *out_position);
void           _tessera_store_list_put         (GListStore      *list,
                                                gint64           id,
                                                gpointer         item,
                                                TesseraIdGetter  get_id);
void           _tessera_store_list_sync        (GListStore      *list,
                                                GPtrArray       *items,
                                                TesseraIdGetter  get_id,
                                                GEqualFunc       equal);
void           _tessera_store_refresh_document (TesseraStore  *self,
                                                gint64         document_id,
                                                TesseraChange  change);
void           _tessera_store_refresh_entity   (TesseraStore  *self,
                                                gint64         entity_id,
                                                TesseraChange  change);
TesseraAnnotation *_tessera_store_load_annotation (TesseraStore *self,
                                                   gint64        annotation_id);
char          *_tessera_store_dup_slice        (TesseraStore  *self,
                                                gint64         document_id,
                                                guint          start,
                                                guint          length);
void           _tessera_store_forget_text      (TesseraStore  *self,
                                                gint64         document_id);
void           _tessera_store_adjust_document_count (TesseraStore *self,
                                                     gint64        document_id,
                                                     int           delta);
gboolean       _tessera_store_peek_document_length (TesseraStore *self,
                                                    gint64        document_id,
                                                    guint        *out_length);

G_END_DECLS
