using Search.Bench.Corpus.Catalog;
using Search.Bench.Corpus.Sources;
using Search.Bench.Corpus.Text;

namespace Search.Bench.Corpus.Generation;

/// <summary>Everything learned or composed once per run, before the first record.</summary>
internal sealed class CorpusModel
{
    private CorpusModel(
        IReadOnlyList<Discipline> disciplines,
        TextModel chinese,
        TextModel? english,
        People people,
        Institutions institutions,
        Journals journals,
        SampleData samples,
        int papers)
    {
        Disciplines = disciplines;
        Chinese = chinese;
        English = english;
        People = people;
        Institutions = institutions;
        Journals = journals;
        Samples = samples;
        Papers = papers;
    }

    public IReadOnlyList<Discipline> Disciplines { get; }

    public TextModel Chinese { get; }

    public TextModel? English { get; }

    public People People { get; }

    public Institutions Institutions { get; }

    public Journals Journals { get; }

    public SampleData Samples { get; }

    public int Papers { get; }

    public static CorpusModel Build(ulong seed, InputPaths paths)
    {
        var papers = CslPapers.Load(paths.CslFile());
        var disciplines = Catalog.Disciplines.For(papers.Select(p => (p.Category, p.Discipline)));
        var index = disciplines.ToDictionary(d => (d.Category, d.Name));
        var samples = SampleData.Load(paths);

        using var lexer = new Lexer(papers.SelectMany(p => p.Keywords));
        var chineseDocs = papers.Select(p => new TrainingDoc(p.Title, p.Abstract, p.Keywords, index[(p.Category, p.Discipline)].Index)).ToList();
        var categoryNames = disciplines.Select(d => d.Category).Distinct().Order(StringComparer.Ordinal).ToList();
        var categoryOf = disciplines.Select(d => categoryNames.IndexOf(d.Category)).ToArray();
        var chinese = TextModel.Train(chineseDocs, categoryOf, english: false, seed, lexer, minDocumentFrequency: 10);
        TextModel? english = null;
        if (samples.EnglishDocs.Count >= 20)
        {
            var englishDocs = samples.EnglishDocs.Select(d => new TrainingDoc(d.Title, d.Description, d.Subjects, -1)).ToList();
            english = TextModel.Train(englishDocs, categoryOf, english: true, seed, lexer, minDocumentFrequency: 4);
        }

        if (english is not null)
        {
            chinese.Glosses = new Glosses(seed, english.ContentWords, english.WordModel);
        }

        var institutions = new Institutions(seed, disciplines);
        var journals = new Journals(seed, disciplines, institutions, target: 3000);
        return new CorpusModel(disciplines, chinese, english, new People(samples.PersonalNames), institutions, journals, samples, papers.Count);
    }
}
