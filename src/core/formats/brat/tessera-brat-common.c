/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-brat"

#include "config.h"

#include <string.h>

#include "tessera-brat-private.h"

/*
 * What the brat reader and writer agree on: the claim fields as attributes, authority
 * records as normalisations, the escapes of a note, and fragments that never cross a
 * line break (brat draws a span on one line, and refuses one that is not).
 */

static const TesseraBratAttribute attributes[] = {
  { "QuoteType", TESSERA_VOCABULARY_QUOTE_TYPE, G_STRUCT_OFFSET (TesseraClaimRecord, quote_type) },
  { "Polarity", TESSERA_VOCABULARY_POLARITY, G_STRUCT_OFFSET (TesseraClaimRecord, polarity) },
  { "Factuality", TESSERA_VOCABULARY_FACTUALITY, G_STRUCT_OFFSET (TesseraClaimRecord, factuality) },
  { "WriterDistance", TESSERA_VOCABULARY_WRITER_DISTANCE,
    G_STRUCT_OFFSET (TesseraClaimRecord, writer_distance) },
  { "SourceKind", TESSERA_VOCABULARY_SOURCE_KIND,
    G_STRUCT_OFFSET (TesseraClaimRecord, source_kind) },
  /* Free text: the export declares the values its files use. */
  { "StatementDate", TESSERA_N_VOCABULARIES,
    G_STRUCT_OFFSET (TesseraClaimRecord, statement_date) },
  { "Topic", TESSERA_N_VOCABULARIES, G_STRUCT_OFFSET (TesseraClaimRecord, topic) },
};

const TesseraBratAttribute *
_tessera_brat_get_attributes (guint *n_attributes)
{
  *n_attributes = G_N_ELEMENTS (attributes);
  return attributes;
}

char **
_tessera_brat_claim_field (TesseraClaimRecord         *claim,
                           const TesseraBratAttribute *attribute)
{
  return G_STRUCT_MEMBER_P (claim, attribute->offset);
}

/* A type, relation or attribute name brat reads back as one: no space, nor any of the
 * characters its files and configuration use as separators. */
gboolean
_tessera_brat_is_name (const char *name)
{
  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL))
    return FALSE;
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c) || strchr (":;|,<>=#!", (int) c) != NULL)
        return FALSE;
    }
  return TRUE;
}

/* A value of a free-text attribute that annotation.conf can declare and a .ann line
 * holds: on one line, without the separators of a declaration, not padded. */
gboolean
_tessera_brat_is_value (const char *value)
{
  gsize length = value != NULL ? strlen (value) : 0;

  return length > 0 && g_utf8_validate (value, length, NULL) &&
         strpbrk (value, ",|:\t\n\r") == NULL && !g_ascii_isspace (value[0]) &&
         !g_ascii_isspace (value[length - 1]);
}

/* The authorities brat names by a database and an id ("Wikidata:Q42"), with the URI that
 * id stands for. Any other URI goes whole after its scheme ("URI:https://…"). */
static const struct
{
  const char *scheme;
  const char *db;
  const char *prefix;
  const char *suffix;
} databases[] = {
  { "wikidata", "Wikidata", "http://www.wikidata.org/entity/", "" },
  { "geonames", "GeoNames", "https://sws.geonames.org/", "/" },
  { "viaf", "VIAF", "https://viaf.org/viaf/", "" },
  { "idref", "IdRef", "https://www.idref.fr/", "" },
  { "uri", "URI", NULL, NULL },
};

static gboolean
has_space (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        return TRUE;
    }
  return FALSE;
}

/**
 * _tessera_brat_dup_reference:
 *
 * Returns: (transfer full) (nullable): "Wikidata:Q42", "GeoNames:https://…" for a URI of
 *   another form; %NULL when brat cannot hold it (a URI with a space)
 */
char *
_tessera_brat_dup_reference (const TesseraAuthority *authority)
{
  const char *scheme = authority->scheme != NULL && *authority->scheme != '\0'
                       ? authority->scheme : "uri";
  const char *uri = authority->uri;

  if (uri == NULL || *uri == '\0' || has_space (uri) || !_tessera_brat_is_name (scheme))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (databases); i++)
    {
      gsize length = strlen (uri);
      gsize prefix, suffix;

      if (g_ascii_strcasecmp (scheme, databases[i].scheme) != 0)
        continue;
      if (databases[i].prefix == NULL)
        return g_strconcat (databases[i].db, ":", uri, NULL);
      prefix = strlen (databases[i].prefix);
      suffix = strlen (databases[i].suffix);
      if (g_str_has_prefix (uri, databases[i].prefix) &&
          g_str_has_suffix (uri, databases[i].suffix) && length > prefix + suffix &&
          memchr (uri + prefix, '/', length - prefix - suffix) == NULL)
        return g_strdup_printf ("%s:%.*s", databases[i].db, (int) (length - prefix - suffix),
                                uri + prefix);
      return g_strconcat (databases[i].db, ":", uri, NULL);
    }
  /* A scheme of the user's own: its name, and the whole URI. */
  return g_strconcat (scheme, ":", uri, NULL);
}

/**
 * _tessera_brat_parse_reference:
 * @reference: "Wikidata:Q42", "URI:https://…"
 *
 * Returns: %FALSE if @reference is not DB:ID
 */
gboolean
_tessera_brat_parse_reference (const char  *reference,
                               char       **out_scheme,
                               char       **out_uri)
{
  const char *colon = strchr (reference, ':');
  g_autofree char *db = NULL;
  const char *id;

  if (colon == NULL || colon == reference || colon[1] == '\0')
    return FALSE;
  db = g_strndup (reference, colon - reference);
  id = colon + 1;
  for (guint i = 0; i < G_N_ELEMENTS (databases); i++)
    {
      if (g_ascii_strcasecmp (db, databases[i].db) != 0)
        continue;
      *out_scheme = g_strdup (databases[i].scheme);
      if (databases[i].prefix == NULL || strstr (id, "://") != NULL)
        *out_uri = g_strdup (id);
      else
        *out_uri = g_strconcat (databases[i].prefix, id, databases[i].suffix, NULL);
      return TRUE;
    }
  *out_scheme = g_ascii_strdown (db, -1);
  *out_uri = g_strdup (id);
  return TRUE;
}

/* A note or a name on one line of a .ann file: brat ends a line at a line break, so
 * breaks, tabs and the backslash are escaped as in C. */
void
_tessera_brat_append_escaped (GString    *line,
                              const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (line, "\\\\");
          break;
        case '\n':
          g_string_append (line, "\\n");
          break;
        case '\r':
          g_string_append (line, "\\r");
          break;
        case '\t':
          g_string_append (line, "\\t");
          break;
        default:
          g_string_append_c (line, *p);
        }
    }
}

char *
_tessera_brat_unescape (const char *text,
                        gssize      length)
{
  GString *unescaped;
  const char *end;

  if (length < 0)
    length = strlen (text);
  end = text + length;
  unescaped = g_string_sized_new (length);
  for (const char *p = text; p < end; p++)
    {
      char escaped = p + 1 < end && *p == '\\' ? p[1] : '\0';
      char c = escaped == 'n' ? '\n' : escaped == 't' ? '\t' : escaped == 'r' ? '\r'
             : escaped == '\\' ? '\\' : '\0';

      if (c != '\0')
        {
          g_string_append_c (unescaped, c);
          p++;
        }
      else
        g_string_append_c (unescaped, *p);
    }
  return g_string_free (unescaped, FALSE);
}

void
_tessera_brat_text_init (TesseraBratText *index,
                         const char      *text)
{
  gsize n = 0;
  const char *p;

  index->text = text;
  index->length = g_utf8_strlen (text, -1);
  index->bytes = g_new (guint32, index->length + 1);
  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    index->bytes[n++] = p - text;
  index->bytes[n] = p - text;
}

void
_tessera_brat_text_clear (TesseraBratText *index)
{
  g_clear_pointer (&index->bytes, g_free);
}

/**
 * _tessera_brat_split_fragments:
 * @ranges: (element-type TesseraRange): within the text
 *
 * Returns: (transfer full) (element-type TesseraRange): the ranges cut at every line
 *   break, without the breaks; empty when they hold nothing but line breaks
 */
GArray *
_tessera_brat_split_fragments (const TesseraBratText *index,
                               GArray                *ranges)
{
  GArray *fragments = g_array_sized_new (FALSE, FALSE, sizeof (TesseraRange), ranges->len);

  for (guint i = 0; i < ranges->len; i++)
    {
      const TesseraRange *range = &g_array_index (ranges, TesseraRange, i);
      guint start = range->start;

      for (guint offset = range->start; offset <= range->end; offset++)
        {
          if (offset < range->end && index->text[index->bytes[offset]] != '\n')
            continue;
          if (offset > start)
            {
              TesseraRange fragment = { start, offset };

              g_array_append_val (fragments, fragment);
            }
          start = offset + 1;
        }
    }
  return fragments;
}

/* Fragments only line breaks apart (or none) are one range again, as in the project. */
void
_tessera_brat_join_fragments (const TesseraBratText *index,
                              GArray                *fragments)
{
  for (guint i = 1; i < fragments->len; i++)
    {
      TesseraRange *previous = &g_array_index (fragments, TesseraRange, i - 1);
      const TesseraRange *next = &g_array_index (fragments, TesseraRange, i);
      gboolean breaks_only = next->start >= previous->end;

      for (guint offset = previous->end; breaks_only && offset < next->start; offset++)
        breaks_only = index->text[index->bytes[offset]] == '\n';
      if (!breaks_only)
        continue;
      previous->end = next->end;
      g_array_remove_index (fragments, i--);
    }
}
