/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "tessera-annotation-type.h"
#include "tessera-document.h"
#include "tessera-entity.h"
#include "tessera-record.h"
#include "tessera-tei-error.h"

G_BEGIN_DECLS

/*
 * What the TEI exporter, the importer and the exporter's self-check share: the naming of
 * xml:ids, the mapping between annotation types and TEI elements, and a model of a TEI
 * document that is independent of the store. The exporter turns the store into this model
 * and the model into XML; the reader turns XML back into the model; the self-check
 * compares the two models; the importer turns the model into store rows.
 *
 * xml:ids (NCNames, never starting with a digit), after the stored ids:
 *   d12          the TEI element of document 12 (and the prefix of its ids in a corpus)
 *   p3           the third paragraph (line) of the text
 *   a45          annotation 45; a45.1, a45.2… its fragments; a45.s1/a45.e1 its anchors
 *   ann.a45      its record in listAnnotation
 *   r7           relation 7
 *   e9           entity 9 (shared at corpus level, never prefixed)
 *   resp-2       annotator 2 (shared at corpus level)
 *   cat.person   the taxonomy category of the type with key "person" (shared)
 *   rel.2        the category of the second relation type of the tagset (shared); its @n is
 *                the type's key, which need not be a name
 */

#define TESSERA_TEI_NS "http://www.tei-c.org/ns/1.0"
#define TESSERA_TEI_APPLICATION "tessera"
#define TESSERA_TEI_CATEGORY_PREFIX "cat."
#define TESSERA_TEI_KIND_PREFIX "kind."
#define TESSERA_TEI_RELATION_PREFIX "rel."

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

/* What a claim points to, by xml:id; its values are in the record's claim. */
typedef struct
{
  char *source_entity;       /* xml:id of an entity record */
  char *source_annotation;   /* xml:id of an annotation */
  char *cue;
  char *parent;
} TesseraTeiClaim;

/* An annotation: its record, and what only TEI says of it. The record's type and entity
 * are left to the importer, which knows the project's. */
typedef struct
{
  TesseraAnnotationRecord *record;        /* owned; ranges sorted */
  char                    *id;            /* xml:id of the logical annotation */
  char                    *type_key;      /* from @ana; else the type the element maps to */
  char                    *element;       /* the TEI element, e.g. "persName" */
  char                    *element_type;  /* its @type */
  char                    *entity;        /* xml:id of the entity record it refers to */
  char                    *entity_uri;    /* an external @ref (files not written by Tessera) */
  TesseraTeiClaim          claim;         /* when the record has a claim */
  guint                    line;          /* where it was read, for messages */
} TesseraTeiAnnotation;

/* A relation: its record (its ends left to the importer) and the xml:ids of its ends. */
typedef struct
{
  TesseraRelationRecord *record;          /* owned; its type is the relation type's key, or
                                           * the name read when no category says the key */
  char                  *id;
  char                  *name;            /* as written in @name or @n (nullable) */
  char                  *source;          /* xml:id of an annotation */
  char                  *target;
} TesseraTeiRelation;

/* An entity record: its record (its type left to the importer), and how TEI files it. */
typedef struct
{
  TesseraEntityRecord *record;            /* owned */
  char                *id;
  char                *type_key;          /* from @ana */
  char                *list;              /* "person", "org", "place", "event", "object" */
} TesseraTeiEntity;

typedef struct
{
  char        *key;
  TesseraKind  kind;
  gboolean     has_kind;
  GHashTable  *labels;              /* language → label */
  char        *color;
  char        *element;             /* seen used with this element */
  char        *element_type;
} TesseraTeiCategory;

/* A document: its record holds its metadata, progress, text and attributes; its
 * annotations and relations are here, until the importer moves their records to it. */
typedef struct
{
  TesseraDocumentRecord *record;          /* owned */
  char                  *id;
  GPtrArray             *annotations;     /* TesseraTeiAnnotation, in reading order */
  GPtrArray             *relations;       /* TesseraTeiRelation */
  guint                  line;
} TesseraTeiDocument;

/* What a file declares once for all its documents (or a document for itself). */
typedef struct
{
  gboolean    tessera;              /* written by Tessera: pointers must resolve */
  GHashTable *categories;           /* key → TesseraTeiCategory */
  GPtrArray  *category_order;       /* TesseraTeiCategory (borrowed), as read */
  GHashTable *relation_categories;  /* xml:id after "rel." → TesseraTeiCategory (key: @n) */
  GPtrArray  *relation_category_order; /* TesseraTeiCategory (borrowed), as read */
  GHashTable *entities;             /* xml:id → TesseraTeiEntity */
  GPtrArray  *entity_order;         /* TesseraTeiEntity, as read */
  GHashTable *annotators;           /* xml:id → name */
  GPtrArray  *warnings;             /* char *: what was read but could not be kept as is */
  GPtrArray  *relations;            /* TesseraTeiRelationRecord a teiCorpus declares: those
                                     * between annotations of two of its documents */
} TesseraTeiContext;

TesseraTeiAnnotation *_tessera_tei_annotation_new      (void);
void                  _tessera_tei_annotation_free     (TesseraTeiAnnotation *annotation);
void                  _tessera_tei_relation_free       (TesseraTeiRelation   *relation);
TesseraTeiEntity     *_tessera_tei_entity_new          (void);
void                  _tessera_tei_entity_free         (TesseraTeiEntity     *entity);
TesseraTeiCategory   *_tessera_tei_category_new        (const char           *key);
void                  _tessera_tei_category_free       (TesseraTeiCategory   *category);
TesseraTeiDocument   *_tessera_tei_document_new        (void);
void                  _tessera_tei_document_free       (TesseraTeiDocument   *document);
TesseraTeiContext    *_tessera_tei_context_new         (void);
void                  _tessera_tei_context_free        (TesseraTeiContext    *context);
void                  _tessera_tei_context_add_entity  (TesseraTeiContext    *context,
                                                        TesseraTeiEntity     *entity);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraTeiAnnotation, _tessera_tei_annotation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraTeiDocument, _tessera_tei_document_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraTeiEntity, _tessera_tei_entity_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraTeiContext, _tessera_tei_context_free)

/* The self-check: NULL when @read says what @expected says, else what differs. */
char                 *_tessera_tei_document_compare    (TesseraTeiDocument   *expected,
                                                        TesseraTeiContext    *expected_context,
                                                        TesseraTeiDocument   *read,
                                                        TesseraTeiContext    *read_context);

/* Naming and mapping. */
char                 *_tessera_tei_category_id         (const char           *key);
const char           *_tessera_tei_element_for_type    (TesseraAnnotationType *type,
                                                        const char          **out_type);
gboolean              _tessera_tei_element_is_mappable (const char           *element);
gboolean              _tessera_tei_element_takes_ref   (const char           *element);
const char           *_tessera_tei_entity_list         (const char           *element,
                                                        const char           *element_type);
TesseraAnnotationType *_tessera_tei_find_type_for_element (GListModel        *tagset,
                                                        const char           *element,
                                                        const char           *element_type);

/* Values TEI constrains. */
gboolean              _tessera_tei_is_w3c_date         (const char           *value);
gboolean              _tessera_tei_is_language_tag     (const char           *value);
gboolean              _tessera_tei_is_token            (const char           *value);
gboolean              _tessera_tei_check_text          (const char           *text,
                                                        const char           *what,
                                                        GError              **error);
char                 *_tessera_tei_collapse_space      (const char           *text);
char                 *_tessera_tei_error_message       (const xmlError       *error);

/* While a file is parsed, libxml2's errors that reach no parser context (encoding and I/O
 * errors) go to @func instead of the thread's default handlers, which print on stderr. */
typedef struct
{
  xmlStructuredErrorFunc structured;
  void                  *structured_data;
  xmlGenericErrorFunc    generic;
  void                  *generic_data;
} TesseraXmlErrorScope;

void                  _tessera_xml_error_scope_begin   (TesseraXmlErrorScope *scope,
                                                        xmlStructuredErrorFunc func,
                                                        void                 *data);
void                  _tessera_xml_error_scope_end     (TesseraXmlErrorScope *scope);

/* tessera-tei-assembly.c: what the importer and the exporter's self-check share once the
 * elements of a document are read: annotations assembled from the elements of the text,
 * the spans and the joins that carry them, then their records and relations. In a file
 * written by Tessera (@context->tessera) a pointer that leads nowhere is an error; in
 * another file it is passed over. */
typedef enum
{
  TESSERA_TEI_CARRIER_TEXT,        /* an element of the text */
  TESSERA_TEI_CARRIER_SPAN,
  TESSERA_TEI_CARRIER_JOIN,
} TesseraTeiCarrierKind;

/* What an annotation is read from, with every attribute that may say something of it. */
typedef struct
{
  TesseraTeiCarrierKind  kind;
  gboolean               candidate;   /* TEXT: may be an annotation of its own */
  gboolean               in_group;    /* SPAN: in a spanGrp */
  char                  *id;
  char                  *element;     /* TEXT: the local name; JOIN: @result */
  char                  *type;
  char                  *subtype;
  char                  *group_type;  /* SPAN: the spanGrp's @type */
  char                  *ana;
  char                  *resp;
  char                  *cert;
  char                  *ref;
  char                  *when;
  char                  *next;
  char                  *prev;
  char                  *from;
  char                  *to;
  char                  *target;
  char                  *who;
  char                  *direct;
  guint                  start;       /* TEXT: code points */
  guint                  end;
  int                    line;
} TesseraTeiCarrier;

/* A ptr (@type, @target) or a note (@type, its value) of an annotation record. */
typedef struct
{
  gboolean  is_ptr;
  char     *type;
  char     *value;
  int       line;
} TesseraTeiRecordItem;

typedef struct
{
  char       *target;
  GArray     *items;                /* TesseraTeiRecordItem, in order */
  GHashTable *attributes;           /* nullable */
  int         line;
} TesseraTeiRecord;

/* A relation element, as written. */
typedef struct
{
  char *id;
  char *name;
  char *n;
  char *active;
  char *passive;
  char *mutual;
  char *resp;
  char *desc;
  char *ana;
  int   line;
} TesseraTeiRelationRecord;

/* Where pointers into the text lead: xml:id → index + 1 into @ranges. */
typedef struct
{
  GArray     *ranges;               /* TesseraRange */
  GHashTable *index_of_id;
} TesseraTeiSpots;

typedef struct
{
  TesseraTeiContext *context;
  GListModel        *tagset;
  const char        *display_name;  /* starts messages; nullable */
  GArray            *newlines;      /* guint: offsets of the text's newlines */
  TesseraTeiSpots    anchors;       /* what a span's @from and @to may name */
  TesseraTeiSpots    bases;         /* what a string-range() may count from */
  GPtrArray         *texts;         /* TesseraTeiCarrier of the text, in document order */
  GHashTable        *text_of_id;    /* xml:id → TesseraTeiCarrier a join may take */
  GPtrArray         *spans;         /* TesseraTeiCarrier */
  GHashTable        *span_of_id;
  GPtrArray         *joins;         /* TesseraTeiCarrier */
  GPtrArray         *records;       /* TesseraTeiRecord */
  GPtrArray         *relations;     /* TesseraTeiRelationRecord */
  GPtrArray         *unresolved;    /* char *: spans pointing nowhere, by xml:id or line;
                                     * nullable */
} TesseraTeiAssembly;

TesseraTeiCarrier    *_tessera_tei_carrier_new         (TesseraTeiCarrierKind kind,
                                                        int                   line);
gboolean              _tessera_tei_carrier_set         (TesseraTeiCarrier    *carrier,
                                                        const char           *name,
                                                        gboolean              in_xml_namespace,
                                                        char                 *value);
void                  _tessera_tei_carrier_reset       (TesseraTeiCarrier    *carrier,
                                                        TesseraTeiCarrierKind kind,
                                                        int                   line);
void                  _tessera_tei_carrier_free        (TesseraTeiCarrier    *carrier);
TesseraTeiRecord     *_tessera_tei_record_new          (char                 *target,
                                                        int                   line);
void                  _tessera_tei_record_add_item     (TesseraTeiRecord     *record,
                                                        gboolean              is_ptr,
                                                        char                 *type,
                                                        char                 *value,
                                                        int                   line);
void                  _tessera_tei_record_free         (TesseraTeiRecord     *record);
void                  _tessera_tei_relation_record_free (TesseraTeiRelationRecord *relation);
gboolean              _tessera_tei_assemble            (TesseraTeiAssembly   *assembly,
                                                        TesseraTeiDocument   *document,
                                                        GError              **error);
TesseraTeiRelation   *_tessera_tei_relation_between   (TesseraTeiContext    *context,
                                                        const char           *display_name,
                                                        TesseraTeiRelationRecord *read,
                                                        GHashTable           *annotation_ids,
                                                        GError              **error);
gboolean              _tessera_tei_assemble_text       (TesseraTeiAssembly   *assembly,
                                                        TesseraTeiDocument   *document,
                                                        TesseraTeiCarrier    *carrier,
                                                        GError              **error);

/* @ana's first pointer to a category of a file written by Tessera: its key, or NULL. */
const char           *_tessera_tei_category_key        (TesseraTeiContext    *context,
                                                        const char           *ana);
void                  _tessera_tei_category_set_kind   (TesseraTeiCategory   *category,
                                                        const char           *ana,
                                                        const char           *parent_id);
void                  _tessera_tei_entity_add_link     (TesseraTeiEntity     *entity,
                                                        const char           *scheme,
                                                        const char           *uri);
const char           *_tessera_tei_local_target        (const char           *pointer);
gboolean              _tessera_tei_is_http             (const char           *uri);
guint                 _tessera_tei_append_preserved    (GString              *text,
                                                        const char           *content,
                                                        gsize                 length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraTeiCarrier, _tessera_tei_carrier_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraTeiRecord, _tessera_tei_record_free)

/* Called with each document a reading (tessera-tei-reader-private.h) reads. */
typedef gboolean (*TesseraTeiDocumentFunc) (TesseraTeiContext   *context,
                                            TesseraTeiDocument  *document,
                                            gpointer             user_data,
                                            GError             **error);

G_END_DECLS
