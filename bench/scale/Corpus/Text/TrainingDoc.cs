namespace Search.Bench.Corpus.Text;

/// <summary>One real record the text model learns from; <see cref="Discipline"/> is -1 when it has none.</summary>
internal sealed record TrainingDoc(string Title, string Abstract, IReadOnlyList<string> Keywords, int Discipline);
