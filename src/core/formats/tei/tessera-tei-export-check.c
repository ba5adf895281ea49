/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-tei"

#include "config.h"

#include "tessera-tei-export-private.h"

#include "tessera-tei-reader-private.h"

/*
 * The exporter's self-check reads each file back into the model, one document at a time
 * and as the file is written, so that the exporter can compare every document with what
 * it was written from before the file replaces its destination.
 *
 * It is the importer's reader (tessera-tei-reader.c), so that a file gives back what the
 * importer will read from it; read strictly: what the exporter never writes (a document
 * type declaration, an entity reference, an element outside the TEI namespace, an xml:id
 * used twice…) is an error rather than something to pass over.
 */

struct _TesseraTeiReadBack
{
  TesseraTeiReader *reader;
};

/**
 * _tessera_tei_read_back_new:
 * @path: a file the exporter is writing
 * @corpus: whether it is a teiCorpus (else one TEI)
 * @tagset: the project's types, for elements without @ana
 * @func: called with each document read, which it takes
 *
 * Starts reading back a file the exporter writes: _tessera_tei_read_back_step() reads
 * what the file holds so far, _tessera_tei_read_back_finish() the rest. Memory holds one
 * document at a time, whatever the size of the corpus.
 *
 * Returns: (transfer full): the reading, or %NULL with @error set
 */
TesseraTeiReadBack *
_tessera_tei_read_back_new (const char              *path,
                            gboolean                 corpus,
                            GListModel              *tagset,
                            TesseraTeiDocumentFunc   func,
                            gpointer                 user_data,
                            GError                 **error)
{
  TesseraTeiReaderFlags flags = TESSERA_TEI_READER_STRICT;
  TesseraTeiReader *reader;
  TesseraTeiReadBack *self;

  if (corpus)
    flags |= TESSERA_TEI_READER_CORPUS;
  reader = _tessera_tei_reader_new (path, flags, tagset, func, user_data, error);
  if (reader == NULL)
    return NULL;
  self = g_new0 (TesseraTeiReadBack, 1);
  self->reader = reader;
  return self;
}

void
_tessera_tei_read_back_free (TesseraTeiReadBack *self)
{
  if (self == NULL)
    return;
  _tessera_tei_reader_free (self->reader);
  g_free (self);
}

/**
 * _tessera_tei_read_back_step:
 *
 * Reads what has been written to the file since the last step: each document it
 * completes goes to the reading's function.
 *
 * Returns: %FALSE with @error set when the file cannot be read, is not well-formed or
 *   holds what the exporter does not write (%TESSERA_TEI_ERROR), or the function failed
 */
gboolean
_tessera_tei_read_back_step (TesseraTeiReadBack  *self,
                             GCancellable        *cancellable,
                             GError             **error)
{
  return _tessera_tei_reader_step (self->reader, cancellable, error);
}

/**
 * _tessera_tei_read_back_finish:
 *
 * Reads the rest of the file, which is complete.
 *
 * Returns: (transfer full): what the file declares for all its documents, or %NULL with
 *   @error set, as for _tessera_tei_read_back_step()
 */
TesseraTeiContext *
_tessera_tei_read_back_finish (TesseraTeiReadBack  *self,
                               GCancellable        *cancellable,
                               GError             **error)
{
  return _tessera_tei_reader_finish (self->reader, cancellable, error);
}
