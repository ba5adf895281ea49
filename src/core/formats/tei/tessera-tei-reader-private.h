/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-tei-private.h"

G_BEGIN_DECLS

/**
 * TesseraTeiReaderFlags:
 * @TESSERA_TEI_READER_STRICT: the file is one Tessera writes (the exporter's self-check):
 *   what it never writes is an error, not something to pass over or warn about; messages
 *   give lines without the file's name
 * @TESSERA_TEI_READER_CORPUS: with @TESSERA_TEI_READER_STRICT, the root is a teiCorpus
 *   (else one TEI)
 *
 * How tessera-tei-reader.c reads a file. Without flags, it reads a file from elsewhere.
 */
typedef enum
{
  TESSERA_TEI_READER_STRICT = 1 << 0,
  TESSERA_TEI_READER_CORPUS = 1 << 1,
} TesseraTeiReaderFlags;

typedef struct _TesseraTeiReader TesseraTeiReader;

TesseraTeiReader     *_tessera_tei_reader_new          (const char            *path,
                                                        TesseraTeiReaderFlags  flags,
                                                        GListModel            *tagset,
                                                        TesseraTeiDocumentFunc func,
                                                        gpointer               user_data,
                                                        GError               **error);
gboolean              _tessera_tei_reader_step         (TesseraTeiReader      *self,
                                                        GCancellable          *cancellable,
                                                        GError               **error);
TesseraTeiContext    *_tessera_tei_reader_finish       (TesseraTeiReader      *self,
                                                        GCancellable          *cancellable,
                                                        GError               **error);
void                  _tessera_tei_reader_free         (TesseraTeiReader      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraTeiReader, _tessera_tei_reader_free)

/* A file from elsewhere, read whole. */
TesseraTeiContext    *_tessera_tei_read_file           (const char            *path,
                                                        GListModel            *tagset,
                                                        TesseraTeiDocumentFunc func,
                                                        gpointer               user_data,
                                                        GCancellable          *cancellable,
                                                        GError               **error);
int                   _tessera_tei_parse_options       (void);

/* "a, b, c, d, e…": the first few of @names, for messages. */
char                 *_tessera_tei_first_few           (GPtrArray             *names);

G_END_DECLS
