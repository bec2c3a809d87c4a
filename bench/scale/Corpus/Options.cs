using System.Globalization;

namespace Search.Bench.Corpus;

/// <summary>The command line: <c>--records N --out DIR [--seed 42] [--per-file 2000] [--data DIR] [--queries 5000] [--verify]</c>.</summary>
internal sealed record Options(
    long Records,
    string Out,
    ulong Seed,
    int PerFile,
    string? Data,
    int Queries,
    int KnownItems,
    bool Verify,
    bool VerifyOnly,
    int Analyze,
    int Threads)
{
    public const string Usage =
        """
        Usage: dotnet run -c Release --project bench/scale/Corpus -- --records N --out DIR [options]
          --records N       records to write (100000, 1000000, 10000000...)
          --out DIR         output folder (created; earlier dumps, queries and summary in it are replaced)
          --seed S          seed (default 42): the same seed gives byte-identical output
          --per-file N      records per ListRecords file (default 2000)
          --data DIR        the shared sample-data folder (csl/, oai-pmh/, marc/, patent-xml/); default: the
                            repository's tests/TestData
          --queries N       queries to write to queries.tsv (default 5000; 0 for none)
          --known N         known items per set in known-items.tsv (default 1000; 0 for none)
          --verify          read the output back with the engine's OAI-PMH reader, oai_dc mapper, analyzer and
                            query parsers, and report
          --verify-only     verify DIR without generating (needs --out, takes no --records)
          --analyze N       records the verification runs through the engine's analyzer (default 20000)
          --threads N       threads writing pages (default 1); the output is the same for any N
        """;

    public static Options Parse(string[] args)
    {
        long records = -1;
        string? output = null;
        ulong seed = 42;
        var perFile = 2000;
        string? data = null;
        var queries = 5000;
        var known = 1000;
        var verify = false;
        var verifyOnly = false;
        var analyze = 20_000;
        var threads = 1;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--records":
                    records = long.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                case "--out":
                    output = Value();
                    break;
                case "--seed":
                    seed = ulong.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                case "--per-file":
                    perFile = int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                case "--data":
                    data = Value();
                    break;
                case "--queries":
                    queries = int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                case "--known":
                    known = int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                case "--verify":
                    verify = true;
                    break;
                case "--verify-only":
                    verifyOnly = true;
                    break;
                case "--threads":
                    threads = int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                case "--analyze":
                    analyze = int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new ArgumentException($"unknown argument {args[i]}");
            }
        }

        if (output is null)
        {
            throw new ArgumentException("--out is required");
        }

        if (!verifyOnly && records < 1)
        {
            throw new ArgumentException("--records must be at least 1");
        }

        if (perFile < 1)
        {
            throw new ArgumentException("--per-file must be at least 1");
        }

        if (threads is < 1 or > 64)
        {
            throw new ArgumentException("--threads must be 1..64");
        }

        return new Options(records, output, seed, perFile, data, queries, known, verify || verifyOnly, verifyOnly, analyze, threads);
    }
}
