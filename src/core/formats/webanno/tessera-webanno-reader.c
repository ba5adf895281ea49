/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-import"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-webanno-private.h"

#include "tessera-importer-private.h"
#include "tessera-text.h"
#include "tessera-vocabulary.h"
#include "tessera-text-importer.h"

/*
 * The WebAnno TSV 3 reader, after INCEpTION's own (the "WebAnno TSV 3.3" chapter of its
 * user guide): a header of layers and their feature columns, then sentences, each one or
 * more "#Text=" lines and one line per token or sub-token, "s-t[.n]", its UTF-16 offsets,
 * its text and one field per column. An annotation on several tokens, or stacked with
 * others of its layer, carries an id in brackets; a relation is written on its target and
 * names its source's token; a chain element names its chain and place ("*->1-2").
 *
 * The text is rebuilt as INCEpTION does: each "#Text=" line and a line break, spaces up to
 * the first token of the next sentence, or the line break dropped when that token starts
 * right there. Offsets are converted from UTF-16 to code points on the way in.
 */

typedef enum
{
  LAYER_SPAN,
  LAYER_RELATION,
  LAYER_CHAIN,
} LayerKind;

/* What a layer becomes in the project. */
typedef enum
{
  MAP_NONE,       /* linguistic layers: part of speech, lemma, dependency… */
  MAP_ENTITY,     /* NamedEntity: value → type, identifier → entity */
  MAP_CLAIM,      /* Tessera's claims, cues and claim sources */
  MAP_SPAN,       /* any other span layer: an annotation of a type named after it */
  MAP_CHAIN,      /* each element an annotation, linked by "same-as" */
  MAP_RELATION,   /* relations between annotations */
} Mapping;

typedef enum
{
  COLUMN_PLACEHOLDER,
  COLUMN_PRIMITIVE,
  COLUMN_SLOT_ROLE,
  COLUMN_SLOT_TARGET,
  COLUMN_RELATION_REF,
  COLUMN_CHAIN_TYPE,
  COLUMN_CHAIN_LINK,
} ColumnKind;

typedef struct
{
  char      *name;          /* the UIMA type, as declared */
  const char *short_name;   /* after its last dot */
  LayerKind  kind;
  Mapping    mapping;
  char      *base;          /* a relation layer's, after "BT_" */
  guint      n_values;      /* values of its columns seen */
  gboolean   has_slots;
  TesseraAnnotationType *type;  /* MAP_SPAN, MAP_CHAIN: found when first needed */
} Layer;

typedef struct
{
  guint      layer;
  ColumnKind kind;
  char      *feature;
} Column;

typedef struct
{
  guint                    layer;
  guint                    begin;    /* code points */
  guint                    end;
  gsize                    begin_byte;
  gsize                    end_byte;
  guint                    line;
  int                      chain;    /* chain elements */
  int                      element;
  char                   **values;   /* by column; NULL where unset */
  guint                    n_values;
  TesseraAnnotationRecord *record;   /* what it became, or NULL */
  gboolean                 anchor;   /* a claim's source, to be found among the others */
} Span;

typedef struct
{
  guint     layer;
  char     *target;    /* the id of the unit it is written on */
  char     *source;    /* the id of the unit of its source */
  int       source_ref;
  int       target_ref;
  char    **values;   /* by column; NULL where unset */
  guint     n_values;
  guint     line;
} Link;

typedef struct
{
  guint    layer;
  guint    stack;
  gpointer item;       /* Span or Link */
} Slot;

typedef struct
{
  guint   begin;       /* code points */
  guint   end;
  gsize   begin_byte;
  gsize   end_byte;
  GArray *slots;       /* Slot, or NULL */
} Unit;

struct _TesseraWebannoTypes
{
  GListModel *tagset;
  GHashTable *types;          /* key → TesseraAnnotationType (owned) */
  GPtrArray  *new_types;      /* the batch's, or NULL */
  TesseraImportEntities entities;  /* into the batch's, or into an array of their own */
};

/* Where the text is, in UTF-16 units, code points and bytes. */
typedef struct
{
  gsize u16;
  guint chars;
  gsize byte;
} Position;

typedef struct
{
  TesseraWebannoTypes *types;
  const char          *display_name;
  GPtrArray           *warnings;
  GPtrArray           *layers;        /* Layer */
  GArray              *columns;       /* Column */
  GString             *text;
  Position             end;           /* of the text */
  Position             sentence;      /* where the current sentence starts */
  Position             cursor;        /* the last offset converted */
  GHashTable          *units;         /* id → Unit */
  GPtrArray           *spans;         /* Span, in the order read */
  GPtrArray           *links;         /* Link */
  GHashTable          *by_ref;        /* id in brackets → Span */
  GHashTable          *chains;        /* chain id → GPtrArray of Span */
  guint                zero_width;
  guint                dropped_relations;
  guint                line;
  char               **fields;        /* of the line being read */
} Reader;

static void
layer_free (gpointer data)
{
  Layer *layer = data;

  g_free (layer->name);
  g_free (layer->base);
  g_clear_object (&layer->type);
  g_free (layer);
}

static void
column_clear (gpointer data)
{
  g_free (((Column *) data)->feature);
}

/* Values by column, with holes where a column is unset. */
static void
free_values (char  **values,
             guint   n_values)
{
  for (guint i = 0; i < n_values; i++)
    g_free (values[i]);
  g_free (values);
}

static void
span_free (gpointer data)
{
  Span *span = data;

  free_values (span->values, span->n_values);
  g_free (span);
}

static void
link_free (gpointer data)
{
  Link *link = data;

  g_free (link->target);
  g_free (link->source);
  free_values (link->values, link->n_values);
  g_free (link);
}

static void
unit_free (gpointer data)
{
  Unit *unit = data;

  if (unit->slots != NULL)
    g_array_unref (unit->slots);
  g_free (unit);
}

static gboolean
set_error (Reader      *self,
           GError     **error,
           const char  *format,
           ...) G_GNUC_PRINTF (3, 4);

/* "NAME, line N: MESSAGE", with the reader's current line. */
static gboolean
set_error (Reader      *self,
           GError     **error,
           const char  *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: the file name, a line number, then what is wrong with that line */
  g_set_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_FAILED, _("%s, line %u: %s"),
               self->display_name, self->line, message);
  return FALSE;
}

/* Types and entities ------------------------------------------------------------------- */

TesseraWebannoTypes *
_tessera_webanno_types_new (TesseraStore       *store,
                            TesseraImportBatch *batch)
{
  TesseraWebannoTypes *types = g_new0 (TesseraWebannoTypes, 1);
  g_autoptr(GPtrArray) entities = NULL;

  if (batch == NULL)
    entities = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_entity_record_free);
  types->tagset = g_object_ref (tessera_store_get_tagset (store));
  types->types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  types->new_types = batch != NULL ? g_ptr_array_ref (batch->new_types) : NULL;
  _tessera_import_entities_init (&types->entities, store,
                                 batch != NULL ? batch->entities : entities);
  return types;
}

void
_tessera_webanno_types_free (TesseraWebannoTypes *types)
{
  g_object_unref (types->tagset);
  g_hash_table_unref (types->types);
  g_clear_pointer (&types->new_types, g_ptr_array_unref);
  _tessera_import_entities_clear (&types->entities);
  g_free (types);
}

/* A key of letters, digits and "-", from any name. */
static char *
dup_key (const char *name)
{
  g_autofree char *folded = g_utf8_strdown (name, -1);
  GString *key = g_string_new (NULL);

  for (const char *c = folded; *c; c++)
    {
      if (g_ascii_isalnum (*c) || *c == '_')
        g_string_append_c (key, *c);
      else if (key->len > 0 && key->str[key->len - 1] != '-')
        g_string_append_c (key, '-');
    }
  while (key->len > 0 && key->str[key->len - 1] == '-')
    g_string_truncate (key, key->len - 1);
  if (key->len == 0)
    g_string_append (key, "annotation");
  return g_string_free (key, FALSE);
}

/* The usual tags of NER corpora, as the default tagset's keys. */
static const char *
entity_type_alias (const char *value)
{
  static const struct { const char *tag; const char *key; } aliases[] = {
    { "PER", "person" }, { "PERS", "person" }, { "PERSON", "person" },
    { "ORG", "organisation" }, { "ORGANIZATION", "organisation" },
    { "LOC", "place" }, { "LOCATION", "place" }, { "GPE", "place" },
    { "OTH", "other" }, { "MISC", "other" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    {
      if (g_ascii_strcasecmp (value, aliases[i].tag) == 0)
        return aliases[i].key;
    }
  return value;
}

/* The project's type of @kind whose key or label is @name, in any case, or NULL. */
static TesseraAnnotationType *
find_project_type (TesseraWebannoTypes *self,
                   const char          *name,
                   TesseraKind          kind)
{
  g_autofree char *key = dup_key (name);

  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < g_list_model_get_n_items (self->tagset); i++)
        {
          g_autoptr(TesseraAnnotationType) candidate = g_list_model_get_item (self->tagset, i);
          const char *text = pass == 0 ? tessera_annotation_type_get_key (candidate)
                                       : tessera_annotation_type_get_label (candidate);

          if (tessera_annotation_type_get_kind (candidate) == kind &&
              (g_ascii_strcasecmp (text, name) == 0 || g_str_equal (text, key)))
            return g_steal_pointer (&candidate);
        }
    }
  return NULL;
}

/* The type @name stands for: the project's, a usual NER tag's (PER, LOC…), or a new one. */
static TesseraAnnotationType *
find_type (TesseraWebannoTypes *self,
           const char          *name,
           TesseraKind          kind)
{
  g_autofree char *key = dup_key (name);
  g_autofree char *cache_key = g_strdup_printf ("%d:%s", kind, name);
  TesseraAnnotationType *type = g_hash_table_lookup (self->types, cache_key);

  if (type != NULL)
    return type;
  type = find_project_type (self, name, kind);
  if (type == NULL && kind == TESSERA_KIND_ENTITY)
    type = find_project_type (self, entity_type_alias (name), kind);
  if (type == NULL)
    {
      type = tessera_annotation_type_new (key, name, kind);
      tessera_annotation_type_set_tei (type, tessera_kind_get_tei_element (kind),
                                       tessera_kind_get_tei_type (kind));
      if (self->new_types != NULL)
        g_ptr_array_add (self->new_types, g_object_ref (type));
    }
  g_hash_table_insert (self->types, g_steal_pointer (&cache_key), type);
  return type;
}

/* Escaping ----------------------------------------------------------------------------- */

/* Feature values: "\" before each of \ [ ] | _ ; * and "->", tab and line break as \t, \n. */
void
_tessera_webanno_escape_value (GString    *out,
                               const char *value)
{
  for (const char *c = value; *c; c++)
    {
      switch (*c)
        {
        case '\\': case '[': case ']': case '|': case '_': case ';': case '*':
          g_string_append_c (out, '\\');
          g_string_append_c (out, *c);
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '-':
          if (c[1] == '>')
            g_string_append_c (out, '\\');
          g_string_append_c (out, '-');
          break;
        default:
          g_string_append_c (out, *c);
        }
    }
}

/* Sentence text: backslash and tab escaped (line breaks end a "#Text=" line). */
void
_tessera_webanno_escape_text (GString    *out,
                              const char *text,
                              gssize      length)
{
  const char *end = text + (length < 0 ? (gssize) strlen (text) : length);

  for (const char *c = text; c < end; c++)
    {
      if (*c == '\\')
        g_string_append (out, "\\\\");
      else if (*c == '\t')
        g_string_append (out, "\\t");
      else if (*c == '\r')
        g_string_append (out, "\\r");
      else
        g_string_append_c (out, *c);
    }
}

static char *
unescape (const char *value,
          gsize       length)
{
  GString *out = g_string_sized_new (length);

  for (gsize i = 0; i < length; i++)
    {
      if (value[i] == '\\' && i + 1 < length)
        {
          char c = value[++i];

          g_string_append_c (out, c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c);
        }
      else
        {
          g_string_append_c (out, value[i]);
        }
    }
  return g_string_free (out, FALSE);
}

/* The header ---------------------------------------------------------------------------- */

static gboolean
is_linguistic_layer (const char *name)
{
  return g_str_has_prefix (name, "de.tudarmstadt.ukp.dkpro.core.api.") &&
         !g_str_equal (name, TESSERA_WEBANNO_NAMED_ENTITY) &&
         !g_str_has_prefix (name, "de.tudarmstadt.ukp.dkpro.core.api.coref.");
}

static int
find_layer (Reader     *self,
            const char *name)
{
  for (guint i = 0; i < self->layers->len; i++)
    {
      if (g_str_equal (((Layer *) g_ptr_array_index (self->layers, i))->name, name))
        return i;
    }
  return -1;
}

static void
add_column (Reader     *self,
            ColumnKind  kind,
            const char *feature)
{
  Column column = { self->layers->len - 1, kind, g_strdup (feature) };

  g_array_append_val (self->columns, column);
}

/* "#T_SP=type|feature|…": one column per feature, or one placeholder. */
static gboolean
read_layer (Reader      *self,
            LayerKind    kind,
            const char  *declaration,
            GError     **error)
{
  g_auto(GStrv) fields = g_strsplit (declaration, "|", -1);
  Layer *layer;
  guint n_columns = self->columns->len;
  guint offset;
  gunichar ch;

  if (fields[0] == NULL || *fields[0] == '\0')
    return set_error (self, error, _("a layer is declared without a name"));
  /* Its name and features name types and attributes, which hold no control characters. */
  if (tessera_text_find_non_xml (declaration, -1, &offset, &ch))
    return set_error (self, error, _("the layer declaration holds the control character "
                                     "U+%04X at column %u"), ch, offset + 7);
  layer = g_new0 (Layer, 1);
  layer->name = g_strdup (fields[0]);
  layer->short_name = strrchr (layer->name, '.') ? strrchr (layer->name, '.') + 1 : layer->name;
  layer->kind = kind;
  g_ptr_array_add (self->layers, layer);

  for (guint i = 1; fields[i] != NULL; i++)
    {
      const char *field = fields[i];
      ColumnKind previous = self->columns->len > n_columns
        ? g_array_index (self->columns, Column, self->columns->len - 1).kind
        : COLUMN_PLACEHOLDER;

      if (*field == '\0')
        continue;
      if (kind == LAYER_SPAN && g_str_has_prefix (field, "ROLE_"))
        {
          add_column (self, COLUMN_SLOT_ROLE, field);
          layer->has_slots = TRUE;
        }
      else if (kind == LAYER_SPAN && previous == COLUMN_SLOT_ROLE && strchr (field, '.'))
        add_column (self, COLUMN_SLOT_TARGET, field);
      else if (kind == LAYER_RELATION && g_str_has_prefix (field, "BT_"))
        {
          add_column (self, COLUMN_RELATION_REF, field);
          g_free (layer->base);
          layer->base = g_strdup (field + 3);
        }
      else if (kind == LAYER_CHAIN && g_str_equal (field, "referenceType"))
        add_column (self, COLUMN_CHAIN_TYPE, field);
      else if (kind == LAYER_CHAIN && g_str_equal (field, "referenceRelation"))
        add_column (self, COLUMN_CHAIN_LINK, field);
      else
        add_column (self, COLUMN_PRIMITIVE, field);
    }
  if (self->columns->len == n_columns)
    add_column (self, COLUMN_PLACEHOLDER, NULL);

  if (kind == LAYER_RELATION && layer->base == NULL)
    return set_error (self, error, _("the relation layer “%s” does not say which layer it "
                                     "links (a “BT_” column)"), layer->name);
  if (kind == LAYER_CHAIN)
    layer->mapping = MAP_CHAIN;
  else if (kind == LAYER_RELATION)
    {
      int base = find_layer (self, layer->base);

      layer->mapping = base >= 0 && ((Layer *) g_ptr_array_index (self->layers, base))->mapping
                       != MAP_NONE ? MAP_RELATION : MAP_NONE;
    }
  else if (g_str_equal (layer->name, TESSERA_WEBANNO_NAMED_ENTITY))
    layer->mapping = MAP_ENTITY;
  else if (g_str_equal (layer->name, TESSERA_WEBANNO_CLAIM))
    layer->mapping = MAP_CLAIM;
  else
    layer->mapping = is_linguistic_layer (layer->name) ? MAP_NONE : MAP_SPAN;
  return TRUE;
}

/* Offsets ------------------------------------------------------------------------------ */

/* Moves @position forward over @text by whole code points up to UTF-16 offset @u16. */
static gboolean
advance (Reader      *self,
         Position    *position,
         gsize        u16,
         GError     **error)
{
  while (position->u16 < u16)
    {
      const char *c;
      gunichar ch;

      if (position->byte >= self->text->len)
        return set_error (self, error, _("the offset %lu is past the end of the text "
                                         "(%lu UTF-16 units)"),
                          (gulong) u16, (gulong) self->end.u16);
      c = self->text->str + position->byte;
      if ((guchar) *c < 0x80)
        {
          position->u16++;
          position->chars++;
          position->byte++;
          continue;
        }
      ch = g_utf8_get_char (c);
      if (ch > 0xFFFF && position->u16 + 1 == u16)
        return set_error (self, error, _("the offset %lu falls inside the character U+%04X, "
                                         "between the two halves of its UTF-16 surrogate pair"),
                          (gulong) u16, ch);
      position->u16 += ch > 0xFFFF ? 2 : 1;
      position->chars++;
      position->byte = g_utf8_next_char (c) - self->text->str;
    }
  return TRUE;
}

/* The code point and byte offsets of UTF-16 offset @u16 of the text. */
static gboolean
convert_offset (Reader  *self,
                gsize    u16,
                guint   *out_offset,
                gsize   *out_byte,
                GError **error)
{
  if (u16 > self->end.u16)
    return set_error (self, error, _("the offset %lu is past the end of the text "
                                     "(%lu UTF-16 units)"),
                      (gulong) u16, (gulong) self->end.u16);
  if (u16 < self->cursor.u16)
    self->cursor = u16 >= self->sentence.u16 ? self->sentence : (Position) { 0, 0, 0 };
  if (!advance (self, &self->cursor, u16, error))
    return FALSE;
  *out_offset = self->cursor.chars;
  *out_byte = self->cursor.byte;
  return TRUE;
}

/* Appends the sentence's text where its first token, at UTF-16 offset @begin, says. */
static gboolean
start_sentence (Reader   *self,
                GString  *sentence,
                gsize     begin,
                GError  **error)
{
  /* No room between two sentences: the line break after the first is not text. */
  if (self->end.u16 > begin && self->end.u16 == begin + 1 &&
      self->text->str[self->text->len - 1] == '\n')
    {
      g_string_truncate (self->text, self->text->len - 1);
      self->end.u16--, self->end.chars--, self->end.byte--;
    }
  if (self->end.u16 > begin)
    return set_error (self, error, _("the sentence starts at offset %lu, inside the text of "
                                     "the sentence before it (which ends at %lu)"),
                      (gulong) begin, (gulong) self->end.u16);
  while (self->end.u16 < begin)
    {
      g_string_append_c (self->text, ' ');
      self->end.u16++, self->end.chars++, self->end.byte++;
    }
  self->sentence = self->end;
  self->cursor = self->end;
  g_string_append_len (self->text, sentence->str, sentence->len);
  for (const char *c = sentence->str; *c; c = g_utf8_next_char (c))
    {
      self->end.u16 += g_utf8_get_char (c) > 0xFFFF ? 2 : 1;
      self->end.chars++;
    }
  self->end.byte = self->text->len;
  g_string_truncate (sentence, 0);
  return TRUE;
}

/* Token lines -------------------------------------------------------------------------- */

static Slot *
unit_find (Unit  *unit,
           guint  layer,
           guint  stack)
{
  for (guint i = 0; unit->slots != NULL && i < unit->slots->len; i++)
    {
      Slot *slot = &g_array_index (unit->slots, Slot, i);

      if (slot->layer == layer && slot->stack == stack)
        return slot;
    }
  return NULL;
}

static void
unit_add (Unit     *unit,
          guint     layer,
          guint     stack,
          gpointer  item)
{
  Slot slot = { layer, stack, item };

  if (unit->slots == NULL)
    unit->slots = g_array_new (FALSE, FALSE, sizeof (Slot));
  g_array_append_val (unit->slots, slot);
}

static Span *
new_span (Reader *self,
          guint   layer,
          Unit   *unit)
{
  Span *span = g_new0 (Span, 1);

  span->layer = layer;
  span->begin = unit->begin;
  span->end = unit->end;
  span->begin_byte = unit->begin_byte;
  span->end_byte = unit->end_byte;
  span->line = self->line;
  span->chain = -1;
  span->values = g_new0 (char *, self->columns->len + 1);
  span->n_values = self->columns->len;
  g_ptr_array_add (self->spans, span);
  return span;
}

static void
extend_span (Span *span,
             Unit *unit)
{
  if (unit->begin < span->begin)
    {
      span->begin = unit->begin;
      span->begin_byte = unit->begin_byte;
    }
  if (unit->end > span->end)
    {
      span->end = unit->end;
      span->end_byte = unit->end_byte;
    }
}

/* Splits "value[3]" (or "1-1[2_3]") into value and what is in brackets. */
static char *
split_ref (const char  *value,
           char       **out_ref)
{
  gsize length = strlen (value);
  const char *open;

  *out_ref = NULL;
  if (length < 2 || value[length - 1] != ']' || value[length - 2] == '\\')
    return g_strdup (value);
  open = g_strrstr (value, "[");
  if (open == NULL)
    return g_strdup (value);
  *out_ref = g_strndup (open + 1, value + length - 1 - open - 1);
  return g_strndup (value, open - value);
}

/* "PER->3-1": the value and chain 3, element 1. */
static gboolean
split_chain (const char  *value,
             char       **out_value,
             int         *out_chain,
             int         *out_element)
{
  const char *arrow = g_strrstr (value, "->");
  char *end;

  if (arrow == NULL || (arrow > value && arrow[-1] == '\\'))
    return FALSE;
  *out_chain = strtol (arrow + 2, &end, 10);
  if (end == arrow + 2 || *end != '-')
    return FALSE;
  *out_element = strtol (end + 1, &end, 10);
  if (*end != '\0')
    return FALSE;
  *out_value = g_strndup (value, arrow - value);
  return TRUE;
}

static gboolean
parse_number (Reader      *self,
              const char  *text,
              int         *out_number,
              GError     **error)
{
  guint64 number;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT, &number, NULL))
    return set_error (self, error, _("“%s” is not an annotation number"), text);
  *out_number = number;
  return TRUE;
}

/* Feature @column's @value, unescaped; "*" is an annotation without it. */
static gboolean
set_value (Reader      *self,
           char       **values,
           guint        column,
           const char  *value,
           GError     **error)
{
  Layer *layer = g_ptr_array_index (self->layers,
                                    g_array_index (self->columns, Column, column).layer);
  guint offset;
  gunichar ch;

  layer->n_values++;
  if (g_str_equal (value, "*") || g_str_equal (value, "_"))
    return TRUE;
  g_free (values[column]);
  values[column] = unescape (value, strlen (value));
  /* What a project holds, TEI carries: no control characters. */
  if (tessera_text_find_non_xml (values[column], -1, &offset, &ch))
    return set_error (self, error, _("the value of column %u holds the control character "
                                     "U+%04X, which cannot be kept"), column + 4, ch);
  return TRUE;
}

/* One stacked value of a span or chain column: @value, with @ref the number in brackets
 * after it; @span the annotation of its layer and place on the unit, if it has one yet. */
static gboolean
read_span_value (Reader      *self,
                 Unit        *unit,
                 guint        c,
                 guint        stack,
                 Span        *span,
                 const char  *value,
                 const char  *ref,
                 GError     **error)
{
  Column *column = &g_array_index (self->columns, Column, c);
  g_autofree char *link_value = NULL;
  int id = -1, chain, element;

  if (column->kind == COLUMN_CHAIN_LINK)
    {
      if (!split_chain (value, &link_value, &chain, &element))
        return set_error (self, error, _("“%s” does not name its chain and its place in it "
                                         "(“*->1-2”)"), value);
      value = link_value;
      if (span == NULL)
        {
          GPtrArray *elements = g_hash_table_lookup (self->chains, GINT_TO_POINTER (chain));

          for (guint i = 0; elements != NULL && i < elements->len && span == NULL; i++)
            {
              if (((Span *) g_ptr_array_index (elements, i))->element == element)
                span = g_ptr_array_index (elements, i);
            }
          if (span != NULL)
            extend_span (span, unit);
          else
            {
              span = new_span (self, column->layer, unit);
              span->chain = chain, span->element = element;
              if (elements == NULL)
                {
                  elements = g_ptr_array_new ();
                  g_hash_table_insert (self->chains, GINT_TO_POINTER (chain), elements);
                }
              g_ptr_array_add (elements, span);
            }
          unit_add (unit, column->layer, stack, span);
        }
    }
  else if (column->kind == COLUMN_CHAIN_TYPE)
    {
      if (span == NULL)
        return set_error (self, error, _("the chain element “%s” has no link column value"),
                          value);
    }
  else
    {
      if (ref != NULL && !parse_number (self, ref, &id, error))
        return FALSE;
      if (span == NULL && id > 0)
        {
          span = g_hash_table_lookup (self->by_ref, GINT_TO_POINTER (id));
          if (span != NULL && span->layer != column->layer)
            return set_error (self, error, _("the annotation [%d] is on two layers"), id);
          if (span != NULL)
            {
              extend_span (span, unit);
              unit_add (unit, column->layer, stack, span);
            }
        }
      if (span == NULL)
        {
          span = new_span (self, column->layer, unit);
          unit_add (unit, column->layer, stack, span);
        }
      if (id > 0)
        g_hash_table_insert (self->by_ref, GINT_TO_POINTER (id), span);
    }

  if (column->kind == COLUMN_SLOT_ROLE || column->kind == COLUMN_SLOT_TARGET)
    ((Layer *) g_ptr_array_index (self->layers, column->layer))->n_values++;
  else if (column->kind != COLUMN_PLACEHOLDER)
    return set_value (self, span->values, c, value, error);
  return TRUE;
}

/* One stacked value of a relation column, on the unit @id; @link as for spans. */
static gboolean
read_link_value (Reader      *self,
                 const char  *id,
                 Unit        *unit,
                 guint        c,
                 guint        stack,
                 Link        *link,
                 const char  *raw,
                 GError     **error)
{
  Column *column = &g_array_index (self->columns, Column, c);
  g_autofree char *ref = NULL;
  g_autofree char *value = split_ref (raw, &ref);

  if (link == NULL)
    {
      link = g_new0 (Link, 1);
      link->layer = column->layer;
      link->target = g_strdup (id);
      link->values = g_new0 (char *, self->columns->len + 1);
      link->n_values = self->columns->len;
      link->line = self->line;
      g_ptr_array_add (self->links, link);
      unit_add (unit, column->layer, stack, link);
    }
  if (column->kind != COLUMN_RELATION_REF)
    {
      return set_value (self, link->values, c, value, error);
      return TRUE;
    }
  g_free (link->source);
  link->source = g_steal_pointer (&value);
  if (ref != NULL)
    {
      g_auto(GStrv) refs = g_strsplit (ref, "_", 0);

      if (g_strv_length (refs) != 2)
        return set_error (self, error, _("“%s” should name the source and target "
                                         "annotations as [source_target]"), raw);
      if (!parse_number (self, refs[0], &link->source_ref, error) ||
          !parse_number (self, refs[1], &link->target_ref, error))
        return FALSE;
    }
  return TRUE;
}

/* One of the values stacked in column @c of the unit @id. */
static gboolean
read_value (Reader      *self,
            const char  *id,
            Unit        *unit,
            guint        c,
            guint        stack,
            const char  *raw,
            GError     **error)
{
  Column *column = &g_array_index (self->columns, Column, c);
  Layer *layer = g_ptr_array_index (self->layers, column->layer);
  Slot *slot = unit_find (unit, column->layer, stack);
  g_autofree char *ref = NULL;
  g_autofree char *value = NULL;

  if (layer->kind == LAYER_RELATION)
    return read_link_value (self, id, unit, c, stack, slot ? slot->item : NULL, raw, error);
  /* A slot target's brackets are the target's, not the annotation's. */
  value = column->kind == COLUMN_SLOT_TARGET ? g_strdup (raw) : split_ref (raw, &ref);
  return read_span_value (self, unit, c, stack, slot ? slot->item : NULL, value, ref, error);
}

/* Splits at each "|" that is not escaped. */
static GPtrArray *
split_stack (const char *field)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  const char *start = field;

  for (const char *c = field; ; c++)
    {
      if (*c == '\\' && c[1] != '\0')
        {
          c++;
          continue;
        }
      if (*c == '|' || *c == '\0')
        {
          g_ptr_array_add (values, g_strndup (start, c - start));
          start = c + 1;
        }
      if (*c == '\0')
        break;
    }
  return values;
}

static gboolean
parse_offsets (Reader      *self,
               const char  *field,
               guint64     *out_begin,
               guint64     *out_end,
               GError     **error)
{
  const char *dash = strchr (field, '-');
  char *end;

  if (dash == NULL || dash == field || !g_ascii_isdigit (*field) ||
      !g_ascii_isdigit (dash[1]) ||
      (*out_begin = g_ascii_strtoull (field, &end, 10)) > G_MAXINT || end != dash ||
      (*out_end = g_ascii_strtoull (dash + 1, &end, 10)) > G_MAXINT || *end != '\0')
    return set_error (self, error, _("“%s” is not a pair of offsets such as “0-4”"), field);
  if (*out_end < *out_begin)
    return set_error (self, error, _("the token ends (%lu) before it starts (%lu)"),
                      (gulong) *out_end, (gulong) *out_begin);
  return TRUE;
}

static gboolean
is_token_id (const char *id,
             gboolean   *out_sub)
{
  const char *c = id;

  *out_sub = FALSE;
  if (!g_ascii_isdigit (*c))
    return FALSE;
  while (g_ascii_isdigit (*c))
    c++;
  if (*c++ != '-' || !g_ascii_isdigit (*c))
    return FALSE;
  while (g_ascii_isdigit (*c))
    c++;
  if (*c == '\0')
    return TRUE;
  if (*c++ != '.' || !g_ascii_isdigit (*c))
    return FALSE;
  while (g_ascii_isdigit (*c))
    c++;
  *out_sub = TRUE;
  return *c == '\0';
}

/* A token or sub-token line; @sentence holds the text of a sentence not started yet. */
static gboolean
read_token (Reader      *self,
            char        *line,
            GString     *sentence,
            gboolean     first,
            GError     **error)
{
  char **fields = self->fields;
  g_autofree char *unescaped = NULL;
  const char *token_text;
  guint64 begin = 0, end = 0;
  gboolean sub;
  Unit unit_data = { 0 };
  Unit *unit = &unit_data;
  guint n_fields = 0;

  if (fields == NULL)
    fields = self->fields = g_new0 (char *, self->columns->len + 5);

  for (char *c = line, *start = line; n_fields < self->columns->len + 4; c++)
    {
      if (*c == '\t' || *c == '\0')
        {
          gboolean last = *c == '\0';

          *c = '\0';
          fields[n_fields++] = start;
          start = c + 1;
          if (last)
            break;
        }
    }
  if (n_fields < self->columns->len + 3)
    return set_error (self, error, _("the line has %u fields where the header declares %u "
                                     "(a token number, offsets, the token and one per "
                                     "column)"), n_fields, self->columns->len + 3);
  if (!is_token_id (fields[0], &sub))
    return set_error (self, error, _("“%s” is not a token number such as “1-3” or “1-3.1”"),
                      fields[0]);
  if (sub && first)
    return set_error (self, error, _("a sentence starts with the sub-token “%s”"), fields[0]);
  if (!parse_offsets (self, fields[1], &begin, &end, error))
    return FALSE;
  if (first && !start_sentence (self, sentence, begin, error))
    return FALSE;

  if (!convert_offset (self, begin, &unit->begin, &unit->begin_byte, error) ||
      !convert_offset (self, end, &unit->end, &unit->end_byte, error))
    return FALSE;
  token_text = strchr (fields[2], '\\') == NULL
    ? fields[2] : (unescaped = unescape (fields[2], strlen (fields[2])));
  if ((!sub || end > begin) &&
      (strlen (token_text) != unit->end_byte - unit->begin_byte ||
       memcmp (token_text, self->text->str + unit->begin_byte, strlen (token_text)) != 0))
    {
      g_autofree char *expected = g_strndup (self->text->str + unit->begin_byte,
                                             unit->end_byte - unit->begin_byte);

      return set_error (self, error, _("the token “%s” does not match the text at its "
                                       "offsets %s, “%s”"),
                        token_text, fields[1], expected);
    }

  /* Chain types after the links that create the elements. */
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint c = 0; c < self->columns->len; c++)
        {
          Column *column = &g_array_index (self->columns, Column, c);
          g_autoptr(GPtrArray) stack = NULL;

          if ((column->kind == COLUMN_CHAIN_TYPE) != (pass == 1) ||
              g_str_equal (fields[c + 3], "_"))
            continue;
          stack = split_stack (fields[c + 3]);
          for (guint k = 0; k < stack->len; k++)
            {
              const char *raw = g_ptr_array_index (stack, k);

              if (*raw == '\0')
                return set_error (self, error, _("column %u holds an empty value"), c + 4);
              if (!read_value (self, fields[0], unit, c, k, raw, error))
                {
                  g_clear_pointer (&unit->slots, g_array_unref);
                  return FALSE;
                }
            }
        }
    }
  /* Relations name the units that carry annotations; the others are not kept. */
  if (unit->slots != NULL &&
      !g_hash_table_insert (self->units, g_strdup (fields[0]), g_memdup2 (unit, sizeof *unit)))
    return set_error (self, error, _("the token number %s is used twice"), fields[0]);
  return TRUE;
}

/* The document ------------------------------------------------------------------------- */

static const char *
span_feature (Reader     *self,
              char      **values,
              guint       layer,
              const char *feature)
{
  for (guint c = 0; c < self->columns->len; c++)
    {
      Column *column = &g_array_index (self->columns, Column, c);

      if (column->layer == layer && g_strcmp0 (column->feature, feature) == 0)
        return values[c];
    }
  return NULL;
}

/* The features set, as "name=value; …", or NULL. */
static char *
dup_features (Reader  *self,
              char   **values,
              guint    layer)
{
  GString *text = g_string_new (NULL);

  for (guint c = 0; c < self->columns->len; c++)
    {
      Column *column = &g_array_index (self->columns, Column, c);

      if (column->layer == layer && values[c] != NULL)
        g_string_append_printf (text, "%s%s=%s", text->len ? "; " : "", column->feature,
                                values[c]);
    }
  return g_string_free (text, text->len == 0);
}

static void
set_claim_fields (Reader                  *self,
                  Span                    *span,
                  TesseraAnnotationRecord *annotation)
{
  TesseraClaimRecord *claim = g_new0 (TesseraClaimRecord, 1);

  claim->quote_type = g_strdup (span_feature (self, span->values, span->layer, "quoteType"));
  claim->polarity = g_strdup (span_feature (self, span->values, span->layer, "polarity"));
  claim->factuality = g_strdup (span_feature (self, span->values, span->layer, "factuality"));
  claim->writer_distance = g_strdup (span_feature (self, span->values, span->layer,
                                                   "writerDistance"));
  claim->source_kind = g_strdup (span_feature (self, span->values, span->layer, "sourceKind"));
  claim->statement_date = g_strdup (span_feature (self, span->values, span->layer,
                                                  "statementDate"));
  claim->topic = g_strdup (span_feature (self, span->values, span->layer, "topic"));
  annotation->claim = claim;
}

static TesseraAnnotationRecord *
new_record (TesseraDocumentRecord *document,
            TesseraAnnotationType *type,
            guint                  begin,
            guint                  end)
{
  TesseraAnnotationRecord *annotation = tessera_annotation_record_new ();
  TesseraRange range = { begin, end };

  annotation->type = g_object_ref (type);
  g_array_append_val (annotation->ranges, range);
  g_ptr_array_add (document->annotations, annotation);
  return annotation;
}

/* The annotation a span of the project's kind becomes, or NULL. */
static TesseraAnnotationRecord *
convert_span (Reader                *self,
              TesseraDocumentRecord *document,
              Span                  *span)
{
  Layer *layer = g_ptr_array_index (self->layers, span->layer);
  const char *value = span_feature (self, span->values, span->layer, "value");
  TesseraAnnotationRecord *annotation;
  TesseraAnnotationType *type;

  if (layer->mapping == MAP_ENTITY)
    {
      const char *identifier = span_feature (self, span->values, span->layer, "identifier");

      type = find_type (self->types, value ? value : "other",
                        TESSERA_KIND_ENTITY);
      annotation = new_record (document, type, span->begin, span->end);
      if (identifier != NULL)
        {
          g_autofree char *name = g_strndup (self->text->str + span->begin_byte,
                                             span->end_byte - span->begin_byte);

          annotation->entity = _tessera_import_entities_for_uri (&self->types->entities,
                                                                 identifier, name, type);
        }
      return annotation;
    }
  if (layer->mapping == MAP_CLAIM)
    {
      const char *kind = span_feature (self, span->values, span->layer, "kind");

      if (g_strcmp0 (kind, TESSERA_WEBANNO_KIND_SOURCE) == 0)
        {
          span->anchor = TRUE;
          return NULL;
        }
      if (g_strcmp0 (kind, TESSERA_WEBANNO_KIND_CUE) == 0)
        return new_record (document, find_type (self->types, value ? value : "cue",
                                                TESSERA_KIND_CUE), span->begin, span->end);
      type = find_type (self->types, value ? value : "claim", TESSERA_KIND_CLAIM);
      annotation = new_record (document, type, span->begin, span->end);
      set_claim_fields (self, span, annotation);
      return annotation;
    }

  if (layer->type == NULL)
    layer->type = g_object_ref (find_type (self->types, layer->short_name,
                                           TESSERA_KIND_ENTITY));
  annotation = new_record (document, layer->type, span->begin, span->end);
  for (guint c = 0; c < self->columns->len; c++)
    {
      Column *column = &g_array_index (self->columns, Column, c);

      if (column->layer != span->layer || span->values[c] == NULL)
        continue;
      if (annotation->attributes == NULL)
        annotation->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        g_free);
      g_hash_table_insert (annotation->attributes, g_strdup (column->feature),
                           g_strdup (span->values[c]));
    }
  return annotation;
}

/* A claim's source as written: the annotation of that type and extent, or a new one. */
static TesseraAnnotationRecord *
resolve_anchor (Reader                *self,
                TesseraDocumentRecord *document,
                Span                  *span)
{
  const char *value = span_feature (self, span->values, span->layer, "value");
  TesseraAnnotationType *type = find_type (self->types, value ? value : "other",
                                           TESSERA_KIND_ENTITY);

  if (span->record != NULL)
    return span->record;
  for (guint i = 0; i < document->annotations->len; i++)
    {
      TesseraAnnotationRecord *annotation = g_ptr_array_index (document->annotations, i);
      TesseraRange *range = &g_array_index (annotation->ranges, TesseraRange, 0);

      if (annotation->type == type && range->start == span->begin && range->end == span->end)
        return span->record = annotation;
    }
  return span->record = new_record (document, type, span->begin, span->end);
}

/* The span of @layer a relation names at unit @id, by its number when it has one. */
static gboolean
resolve_end (Reader      *self,
             Link        *link,
             const char  *id,
             int          ref,
             Span       **out_span,
             GError     **error)
{
  Layer *layer = g_ptr_array_index (self->layers, link->layer);
  int base = find_layer (self, layer->base);
  Unit *unit = g_hash_table_lookup (self->units, id);

  *out_span = NULL;
  self->line = link->line;
  if (unit == NULL)
    return set_error (self, error, _("the relation names the token %s, which is not in the "
                                     "file or carries no annotation"), id);
  if (ref > 0)
    *out_span = g_hash_table_lookup (self->by_ref, GINT_TO_POINTER (ref));
  for (guint i = 0; *out_span == NULL && unit->slots != NULL && i < unit->slots->len; i++)
    {
      Slot *slot = &g_array_index (unit->slots, Slot, i);

      if ((int) slot->layer == base)
        *out_span = slot->item;
    }
  if (*out_span == NULL || (int) (*out_span)->layer != base)
    return set_error (self, error, _("the relation names an annotation of the layer “%s” at "
                                     "the token %s, and there is none"), layer->base, id);
  return TRUE;
}

static TesseraAnnotationRecord *
span_record (Reader                *self,
             TesseraDocumentRecord *document,
             Span                  *span)
{
  return span->anchor ? resolve_anchor (self, document, span) : span->record;
}

static gboolean
convert_link (Reader                *self,
              TesseraDocumentRecord *document,
              Link                  *link,
              GError               **error)
{
  Layer *layer = g_ptr_array_index (self->layers, link->layer);
  TesseraAnnotationRecord *source, *target;
  TesseraRelationRecord *relation;
  Span *source_span, *target_span;

  if (layer->mapping == MAP_NONE)
    return TRUE;
  if (link->source == NULL)
    {
      self->line = link->line;
      return set_error (self, error, _("the relation of the layer “%s” does not name its "
                                       "source"), layer->name);
    }
  if (!resolve_end (self, link, link->source, link->source_ref, &source_span, error) ||
      !resolve_end (self, link, link->target, link->target_ref, &target_span, error))
    return FALSE;
  source = span_record (self, document, source_span);
  target = span_record (self, document, target_span);
  if (source == NULL || target == NULL || source == target)
    {
      self->dropped_relations++;
      return TRUE;
    }

  if ((g_str_equal (layer->name, TESSERA_WEBANNO_CLAIM_SOURCE) ||
       g_str_equal (layer->name, TESSERA_WEBANNO_CLAIM_CUE)) && source->claim != NULL)
    {
      if (g_str_equal (layer->name, TESSERA_WEBANNO_CLAIM_SOURCE))
        {
          /* As the project has it: the source mention, and the entity it names. */
          source->claim->source_annotation = target;
          source->claim->source_entity = target->entity;
        }
      else
        source->claim->cue = target;
      return TRUE;
    }
  relation = g_new0 (TesseraRelationRecord, 1);
  relation->source = source;
  relation->target = target;
  if (g_str_equal (layer->name, TESSERA_WEBANNO_ENTITY_RELATION) ||
      g_str_equal (layer->name, TESSERA_WEBANNO_CLAIM_RELATION))
    {
      const char *value = span_feature (self, link->values, link->layer, "value");

      relation->type = g_strdup (value ? value : "related");
    }
  else
    {
      relation->type = dup_key (layer->short_name);
      relation->note = dup_features (self, link->values, link->layer);
    }
  g_ptr_array_add (document->relations, relation);
  return TRUE;
}

static int
compare_elements (gconstpointer a,
                  gconstpointer b)
{
  return (*(Span * const *) a)->element - (*(Span * const *) b)->element;
}

/* A chain's elements one after the other, each the same as the next. */
static void
convert_chain (Reader                *self,
               TesseraDocumentRecord *document,
               GPtrArray             *elements)
{
  g_ptr_array_sort (elements, compare_elements);
  for (guint i = 0; i + 1 < elements->len; i++)
    {
      Span *from = g_ptr_array_index (elements, i);
      Span *to = g_ptr_array_index (elements, i + 1);
      TesseraRelationRecord *relation;

      if (from->record == NULL || to->record == NULL || from->record == to->record)
        {
          self->dropped_relations++;
          continue;
        }
      relation = g_new0 (TesseraRelationRecord, 1);
      relation->type = g_strdup ("same-as");
      relation->source = from->record;
      relation->target = to->record;
      relation->note = g_strdup (span_feature (self, from->values, from->layer,
                                               "referenceRelation"));
      g_ptr_array_add (document->relations, relation);
    }
}

static void
warn (Reader     *self,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static void
warn (Reader     *self,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (self->warnings, g_strdup_printf ("%s: %s", self->display_name, message));
}

/* What the project has no place for, layer by layer. */
static void
add_warnings (Reader *self)
{
  for (guint i = 0; i < self->layers->len; i++)
    {
      Layer *layer = g_ptr_array_index (self->layers, i);

      if (layer->mapping == MAP_NONE)
        warn (self, ngettext ("the layer “%s” (%s) has no place in a Tessera project: its %u "
                              "value was not imported",
                              "the layer “%s” (%s) has no place in a Tessera project: its %u "
                              "values were not imported", layer->n_values),
              layer->short_name, layer->name, layer->n_values);
      else if (layer->has_slots)
        warn (self, _("the slot features (links to other annotations) of the layer “%s” "
                      "were not imported; its annotations were"), layer->short_name);
    }
  if (self->zero_width > 0)
    warn (self, ngettext ("%u annotation of no width (between two characters) was not "
                          "imported: an annotation covers at least one character",
                          "%u annotations of no width (between two characters) were not "
                          "imported: an annotation covers at least one character",
                          self->zero_width), self->zero_width);
  if (self->dropped_relations > 0)
    warn (self, ngettext ("%u relation or chain link to an annotation that was not "
                          "imported was left out",
                          "%u relations or chain links to annotations that were not "
                          "imported were left out", self->dropped_relations),
          self->dropped_relations);
}

static TesseraDocumentRecord *
convert_document (Reader  *self,
                  GError **error)
{
  g_autoptr(TesseraDocumentRecord) document = tessera_document_record_new ();
  g_autofree char *title = NULL;
  g_autofree char *prepared = NULL;
  GHashTableIter iter;
  gpointer elements;

  if (!tessera_text_is_nfc (self->text->str))
    {
      g_set_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_ENCODING,
                   _("%s: the text is not in Unicode normalisation form C (NFC), so its "
                     "offsets cannot be kept; normalise the text before annotating it"),
                   self->display_name);
      return NULL;
    }
  /* The line break after the last sentence is the format's, not the text's. */
  if (self->text->str[self->text->len - 1] == '\n')
    g_string_truncate (self->text, self->text->len - 1);
  /* What any imported text must be (no control characters…), and a title; the text
   * keeps its white space, so that its offsets stay. */
  prepared = tessera_import_prepare_text (self->display_name, self->text->str,
                                          self->text->len, &title, error);
  if (prepared == NULL)
    return NULL;
  if (!g_str_has_prefix (self->text->str, prepared))
    {
      g_set_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_CONTROL_CHARACTER,
                   _("%s: the text holds carriage returns, which cannot be annotated"),
                   self->display_name);
      return NULL;
    }
  document->text = g_strdup (self->text->str);
  document->info.title = g_steal_pointer (&title);

  for (guint i = 0; i < self->spans->len; i++)
    {
      Span *span = g_ptr_array_index (self->spans, i);
      Layer *layer = g_ptr_array_index (self->layers, span->layer);

      if (layer->mapping == MAP_NONE)
        continue;
      if (span->end <= span->begin)
        self->zero_width++;
      else
        span->record = convert_span (self, document, span);
    }
  for (guint i = 0; i < self->links->len; i++)
    {
      if (!convert_link (self, document, g_ptr_array_index (self->links, i), error))
        return NULL;
    }
  g_hash_table_iter_init (&iter, self->chains);
  while (g_hash_table_iter_next (&iter, NULL, &elements))
    convert_chain (self, document, elements);
  add_warnings (self);
  return g_steal_pointer (&document);
}

/* The file ----------------------------------------------------------------------------- */

static gboolean
check_bytes (const char  *display_name,
             const char  *data,
             gsize        length,
             GError     **error)
{
  const char *invalid;
  const char *nul = memchr (data, '\0', length);

  if (nul != NULL)
    {
      g_set_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_BINARY,
                   _("%s looks like a binary file (byte %lu is NUL), not WebAnno TSV"),
                   display_name, (gulong) (nul - data));
      return FALSE;
    }
  if (!g_utf8_validate_len (data, length, &invalid))
    {
      gulong line = 1;

      for (const char *c = data; c < invalid; c++)
        line += *c == '\n';
      g_set_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_ENCODING,
                   _("%s: byte %lu (line %lu) is not valid UTF-8; "
                     "save the file as UTF-8 and import it again"),
                   display_name, (gulong) (invalid - data), line);
      return FALSE;
    }
  return TRUE;
}

/* The next line of @data from *@offset, without its line break (LF or CRLF). */
static char *
next_line (char  *data,
           gsize  length,
           gsize *offset)
{
  char *line = data + *offset;
  char *end;

  if (*offset >= length)
    return NULL;
  end = memchr (line, '\n', length - *offset);
  if (end == NULL)
    end = data + length;
  *offset = end - data + 1;
  *end = '\0';
  if (end > line && end[-1] == '\r')
    end[-1] = '\0';
  return line;
}

static gboolean
read_lines (Reader   *self,
            char     *data,
            gsize     length,
            GError  **error)
{
  g_autoptr(GString) sentence = g_string_new (NULL);
  enum { BETWEEN, HEADER, TOKENS } state = BETWEEN;
  gboolean in_schema = TRUE;
  gsize offset = 0;
  char *line;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    offset = 3;
  self->line = 1;
  line = next_line (data, length, &offset);
  if (line == NULL || !g_str_has_prefix (line, "#FORMAT=WebAnno TSV 3"))
    return set_error (self, error, _("the file does not start with “#FORMAT=WebAnno TSV 3.3”: "
                                     "it is not WebAnno TSV 3"));

  while ((line = next_line (data, length, &offset)) != NULL)
    {
      self->line++;
      if (in_schema && *line == '#' && !g_str_has_prefix (line, "#Text="))
        {
          gboolean ok = TRUE;

          if (g_str_has_prefix (line, "#T_SP="))
            ok = read_layer (self, LAYER_SPAN, line + 6, error);
          else if (g_str_has_prefix (line, "#T_RL="))
            ok = read_layer (self, LAYER_RELATION, line + 6, error);
          else if (g_str_has_prefix (line, "#T_CH="))
            ok = read_layer (self, LAYER_CHAIN, line + 6, error);
          else
            {
              in_schema = FALSE;
              state = HEADER;
            }
          if (!ok)
            return FALSE;
          continue;
        }
      in_schema = FALSE;
      if (*line == '\0')
        {
          if (state == HEADER)
            return set_error (self, error, _("a sentence has no tokens"));
          state = BETWEEN;
        }
      else if (*line == '#' && state != TOKENS)
        {
          if (g_str_has_prefix (line, "#Text="))
            {
              g_autofree char *text = unescape (line + 6, strlen (line + 6));

              g_string_append (sentence, text);
              g_string_append_c (sentence, '\n');
            }
          state = HEADER;
        }
      else if (state == BETWEEN)
        return set_error (self, error, _("a token line comes before the “#Text=” line of its "
                                         "sentence"));
      else
        {
          if (!read_token (self, line, sentence, state == HEADER, error))
            return FALSE;
          state = TOKENS;
        }
    }
  if (state == HEADER)
    return set_error (self, error, _("a sentence has no tokens"));
  return TRUE;
}

/**
 * _tessera_webanno_read:
 * @types: the project's types and entities, where new ones go
 * @display_name: the file's name, for messages
 * @data: (array length=length): the file, followed by a NUL byte (as g_file_get_contents()
 *   gives it); the reader cuts it into lines in place
 * @warnings: (element-type utf8): where to add what could not be imported
 *
 * Reads one WebAnno TSV 3 document.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
TesseraDocumentRecord *
_tessera_webanno_read (TesseraWebannoTypes  *types,
                       const char           *display_name,
                       char                 *data,
                       gsize                 length,
                       GPtrArray            *warnings,
                       GError              **error)
{
  TesseraDocumentRecord *document = NULL;
  Reader self = { 0 };

  if (!check_bytes (display_name, data, length, error))
    return NULL;

  self.types = types;
  self.display_name = display_name;
  self.warnings = warnings;
  self.layers = g_ptr_array_new_with_free_func (layer_free);
  self.columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_array_set_clear_func (self.columns, column_clear);
  self.text = g_string_new (NULL);
  self.units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unit_free);
  self.spans = g_ptr_array_new_with_free_func (span_free);
  self.links = g_ptr_array_new_with_free_func (link_free);
  self.by_ref = g_hash_table_new (NULL, NULL);
  self.chains = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);

  if (read_lines (&self, data, length, error))
    {
      if (self.text->len == 0)
        g_set_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_EMPTY,
                     _("%s contains no sentence to annotate"), display_name);
      else
        document = convert_document (&self, error);
    }

  g_ptr_array_unref (self.layers);
  g_array_unref (self.columns);
  g_string_free (self.text, TRUE);
  g_hash_table_unref (self.units);
  g_ptr_array_unref (self.spans);
  g_ptr_array_unref (self.links);
  g_hash_table_unref (self.by_ref);
  g_hash_table_unref (self.chains);
  g_free (self.fields);
  return document;
}
