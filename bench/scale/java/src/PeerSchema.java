import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;

/**
 * The fields of the engine's index (src/Indexer/Schema/IndexSchema.cs), field for field: the same names,
 * the same analyzed sub-fields per text field, the same stored values, StringFields for filters and exact
 * values, SortedSetDocValues for the facets, and for the year a point (the engine: a trie Int32Field), a
 * stored value and NumericDocValues.
 */
final class PeerSchema {
    static final int WORDS = 1;
    static final int BIGRAMS = 2;
    static final int EXACT = 4;
    static final int ALL = WORDS | BIGRAMS | EXACT;
    static final int LATIN_GRAMS = 8;

    static final String ID = "id";
    static final String ID_SORT = "id_sort";
    static final String RECORD_JSON = "record_json";
    static final String YEAR = "year";
    static final String YEAR_DV = "year_dv";

    /** A text field of the box: its analyzed sub-fields, whether its value is stored, its weight. */
    static final class TextSpec {
        final String name;
        final Function<PeerRecords.Rec, List<String>> values;
        final int analyses;
        final float boost;
        final boolean stored;
        final boolean exact;

        TextSpec(String name, Function<PeerRecords.Rec, List<String>> values, int analyses, float boost, boolean stored, boolean exact) {
            this.name = name;
            this.values = values;
            this.analyses = analyses;
            this.boost = boost;
            this.stored = stored;
            this.exact = exact;
        }

        boolean has(int analysis) {
            return (analyses & analysis) != 0;
        }

        String words() {
            return name + PeerAnalysis.ZH;
        }

        String bigrams() {
            return name + PeerAnalysis.BI;
        }

        String exactText() {
            return name + PeerAnalysis.EN;
        }

        String grams() {
            return name + PeerAnalysis.NG;
        }
    }

    /** A facet: stored StringField {@code name} and SortedSetDocValues {@code name_facet}. */
    static final class FacetSpec {
        final String name;
        final Function<PeerRecords.Rec, List<String>> values;

        FacetSpec(String name, Function<PeerRecords.Rec, List<String>> values) {
            this.name = name;
            this.values = values;
        }

        String facetField() {
            return name + "_facet";
        }
    }

    private static List<String> one(String value) {
        List<String> list = new ArrayList<>(1);
        if (value != null) {
            list.add(value);
        }
        return list;
    }

    private static List<String> pinyinForms(PeerRecords.Rec r) {
        List<String> forms = new ArrayList<>();
        for (String author : r.authors) {
            forms.addAll(PeerAnalysis.nameForms(author));
        }
        return forms;
    }

    static final TextSpec TITLE = new TextSpec("title", r -> one(r.title), ALL | LATIN_GRAMS, 8f, true, false);
    static final TextSpec ALT_TITLE = new TextSpec("alt_title", r -> r.alternativeTitles, ALL | LATIN_GRAMS, 5f, true, false);
    static final TextSpec AUTHOR = new TextSpec("author", r -> r.authors, BIGRAMS | EXACT, 4f, true, true);
    static final TextSpec AUTHOR_PY = new TextSpec("author_py", PeerSchema::pinyinForms, EXACT, 4f, false, false);
    static final TextSpec ORG = new TextSpec("org", r -> r.organizations, ALL, 1.5f, true, true);
    static final TextSpec SOURCE_TITLE = new TextSpec("source_title", r -> one(r.sourceTitle), ALL, 1.5f, true, true);
    static final TextSpec PUBLISHER = new TextSpec("publisher", r -> one(r.publisher), BIGRAMS | EXACT, 1f, true, false);
    static final TextSpec ABSTRACT = new TextSpec("abstract", r -> one(r.abstractText), ALL, 1f, true, false);
    static final TextSpec KEYWORD = new TextSpec("keyword", r -> r.keywords, ALL | LATIN_GRAMS, 4f, true, true);
    static final TextSpec SUBJECT = new TextSpec("subject", r -> r.subjects, ALL, 2f, false, true);

    /** In the engine's order (the box's default weight order). */
    static final List<TextSpec> TEXT_FIELDS =
        List.of(TITLE, ALT_TITLE, KEYWORD, AUTHOR, AUTHOR_PY, SUBJECT, ORG, SOURCE_TITLE, PUBLISHER, ABSTRACT);

    static final FacetSpec TYPE = new FacetSpec("type", r -> one(r.type));
    static final FacetSpec SOURCE = new FacetSpec("source", r -> one(r.sourceId));
    static final FacetSpec LANGUAGE = new FacetSpec("language", r -> one(r.language == null ? null : r.language.toLowerCase(Locale.ROOT)));
    static final FacetSpec DISCIPLINE = new FacetSpec("clc_top", r -> {
        List<String> tops = new ArrayList<>();
        for (String code : r.classifications) {
            String top = clcTop(code);
            if (top != null) {
                tops.add(top);
            }
        }
        return tops;
    });
    static final FacetSpec TOPIC = new FacetSpec("topic", r -> r.subjects);

    static final List<FacetSpec> FACET_FIELDS = List.of(TYPE, SOURCE, LANGUAGE, DISCIPLINE, TOPIC);

    /** Identifier fields: name and values (each indexed under its variants, lower-cased, not stored). */
    static final String[] IDENTIFIER_NAMES = {"doi", "isbn", "issn", "patent", "standard", "classification", "ident"};

    private static List<List<String>> identifierValues(PeerRecords.Rec r) {
        List<String> any = new ArrayList<>();
        any.add(r.doi);
        any.addAll(r.isbn);
        any.addAll(r.issn);
        any.addAll(r.patentNumbers);
        any.addAll(r.standardNumbers);
        any.addAll(r.otherIds);
        any.add(r.externalId);
        return List.of(one(r.doi), r.isbn, r.issn, r.patentNumbers, r.standardNumbers, r.classifications, any);
    }

    private static final String CLC_LETTERS = "ABCDEFGHIJKNOPQRSTUVXZ";

    static String clcTop(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String text = code.trim().toUpperCase(Locale.ROOT);
        char letter = text.charAt(0);
        if (CLC_LETTERS.indexOf(letter) < 0) {
            return null;
        }
        int i = 1;
        while (i < text.length() && text.charAt(i) >= 'A' && text.charAt(i) <= 'Z') {
            i++;
        }
        return i == text.length() || Character.isDigit(text.charAt(i)) ? String.valueOf(letter) : null;
    }

    private static List<String> clean(List<String> values) {
        List<String> out = new ArrayList<>(values.size());
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                out.add(v.trim());
            }
        }
        return out;
    }

    /** The Lucene document of a record, with the engine's fields. */
    static Document document(PeerRecords.Rec r) {
        Document doc = new Document();
        doc.add(new StringField(ID, r.id, Field.Store.YES));
        doc.add(new SortedDocValuesField(ID_SORT, new BytesRef(r.id)));
        for (TextSpec f : TEXT_FIELDS) {
            for (String value : clean(f.values.apply(r))) {
                if (f.stored) {
                    doc.add(new StoredField(f.name, value));
                }
                if (f.has(WORDS)) {
                    doc.add(new TextField(f.words(), value, Field.Store.NO));
                }
                if (f.has(BIGRAMS)) {
                    doc.add(new TextField(f.bigrams(), value, Field.Store.NO));
                }
                if (f.has(EXACT)) {
                    doc.add(new TextField(f.exactText(), value, Field.Store.NO));
                }
                if (f.has(LATIN_GRAMS)) {
                    doc.add(new TextField(f.grams(), value, Field.Store.NO));
                }
                if (f.exact) {
                    doc.add(new StringField(f.name + "_exact", PeerAnalysis.exact(value), Field.Store.NO));
                }
            }
        }
        for (FacetSpec f : FACET_FIELDS) {
            for (String value : new LinkedHashSet<>(clean(f.values.apply(r)))) {
                doc.add(new StringField(f.name, value, Field.Store.YES));
                doc.add(new SortedSetDocValuesField(f.facetField(), new BytesRef(value)));
            }
        }
        if (r.year != null) {
            doc.add(new IntPoint(YEAR, r.year));
            doc.add(new StoredField(YEAR, r.year));
            doc.add(new NumericDocValuesField(YEAR_DV, r.year));
        }
        List<List<String>> ids = identifierValues(r);
        for (int i = 0; i < IDENTIFIER_NAMES.length; i++) {
            Set<String> variants = new LinkedHashSet<>();
            for (String value : clean(ids.get(i))) {
                variants.addAll(PeerAnalysis.identifierVariants(value));
            }
            for (String v : variants) {
                doc.add(new StringField(IDENTIFIER_NAMES[i], v, Field.Store.NO));
            }
        }
        doc.add(new StoredField(RECORD_JSON, PeerRecords.toJson(r)));
        return doc;
    }

    /**
     * The work of {@link #document} without an index: builds the same values and JSON and runs every
     * analyzed value through its analysis. Returns the number of tokens.
     */
    static long analyze(Analyzer analyzer, PeerRecords.Rec r) throws IOException {
        long tokens = 0;
        long sink = r.id.length();
        for (TextSpec f : TEXT_FIELDS) {
            for (String value : clean(f.values.apply(r))) {
                if (f.has(WORDS)) {
                    tokens += PeerAnalysis.consume(analyzer, f.words(), value);
                }
                if (f.has(BIGRAMS)) {
                    tokens += PeerAnalysis.consume(analyzer, f.bigrams(), value);
                }
                if (f.has(EXACT)) {
                    tokens += PeerAnalysis.consume(analyzer, f.exactText(), value);
                }
                if (f.has(LATIN_GRAMS)) {
                    tokens += PeerAnalysis.consume(analyzer, f.grams(), value);
                }
                if (f.exact) {
                    sink += PeerAnalysis.exact(value).length();
                }
            }
        }
        List<List<String>> ids = identifierValues(r);
        for (List<String> values : ids) {
            for (String value : clean(values)) {
                sink += PeerAnalysis.identifierVariants(value).size();
            }
        }
        sink += PeerRecords.toJson(r).length();
        return sink < 0 ? -tokens : tokens;
    }
}
