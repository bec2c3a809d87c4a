using Lucene.Net.Store;
using Search.Indexer.Search;
using Search.Indexer.Storage;
using Search.Indexer.Writing;
using Search.Ingestion.Model;
using Search.Ingestion.Storage;

namespace Search.Indexer.Tests;

/// <summary>The memory-mapped index folder: what is written reads back, clones and slices keep their own place.</summary>
public class StorageTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp() => _folder = Path.Combine(Path.GetTempPath(), "storage-tests-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        if (System.IO.Directory.Exists(_folder))
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
    }

    private MappedFileDirectory WriteFile(string name, Action<IndexOutput> write)
    {
        var directory = new MappedFileDirectory(new DirectoryInfo(_folder));
        using var output = directory.CreateOutput(name, IOContext.DEFAULT);
        write(output);
        return directory;
    }

    [Test]
    public void Reads_back_what_was_written_and_clones_keep_their_own_position()
    {
        using var directory = WriteFile("data", o =>
        {
            o.WriteByte(7);
            o.WriteInt16(-2);
            o.WriteInt32(0x12345678);
            o.WriteInt64(-0x0102030405060708L);
            o.WriteVInt32(300);
            o.WriteString("湖北省科技信息");
        });

        using var input = directory.OpenInput("data", IOContext.DEFAULT);
        Assert.That(input.ReadByte(), Is.EqualTo(7));
        var clone = (IndexInput)input.Clone();
        Assert.That(input.ReadInt16(), Is.EqualTo(-2));
        Assert.That(input.ReadInt32(), Is.EqualTo(0x12345678));
        Assert.That(input.ReadInt64(), Is.EqualTo(-0x0102030405060708L));
        Assert.That(input.ReadVInt32(), Is.EqualTo(300));
        Assert.That(input.ReadString(), Is.EqualTo("湖北省科技信息"));
        Assert.That(input.Position, Is.EqualTo(input.Length));

        // The clone started where the input was and moves on its own.
        Assert.That(clone.Position, Is.EqualTo(1));
        Assert.That(clone.ReadInt16(), Is.EqualTo(-2));
        clone.Seek(0);
        Assert.That(clone.ReadByte(), Is.EqualTo(7));
        Assert.That(input.Position, Is.EqualTo(input.Length));
    }

    [Test]
    public void Reading_or_seeking_past_the_end_is_an_end_of_stream()
    {
        using var directory = WriteFile("short", o => o.WriteInt16(1));
        using var input = directory.OpenInput("short", IOContext.DEFAULT);
        Assert.Throws<EndOfStreamException>(() => input.ReadInt32());
        Assert.That(input.Position, Is.Zero, "a failed read moves nothing");
        input.Seek(2);
        Assert.Throws<EndOfStreamException>(() => input.ReadByte());
        Assert.Throws<EndOfStreamException>(() => input.Seek(3));
        Assert.Throws<EndOfStreamException>(() => input.ReadBytes(new byte[4], 0, 1));
    }

    [Test]
    public void An_empty_file_opens_with_nothing_to_read()
    {
        using var directory = WriteFile("empty", _ => { });
        using var input = directory.OpenInput("empty", IOContext.DEFAULT);
        Assert.That(input.Length, Is.Zero);
        Assert.Throws<EndOfStreamException>(() => input.ReadByte());
    }

    [Test]
    public void Slices_read_their_window_only()
    {
        using var directory = WriteFile("whole", o =>
        {
            for (var i = 0; i < 100; i++)
            {
                o.WriteByte((byte)i);
            }
        });

        using var slicer = directory.CreateSlicer("whole", IOContext.DEFAULT);
        using var slice = slicer.OpenSlice("middle", 10, 20);
        Assert.That(slice.Length, Is.EqualTo(20));
        var bytes = new byte[20];
        slice.ReadBytes(bytes, 0, 20);
        Assert.That(bytes, Is.EqualTo(Enumerable.Range(10, 20).Select(i => (byte)i).ToArray()));
        Assert.Throws<EndOfStreamException>(() => slice.ReadByte());
        Assert.Throws<ArgumentException>(() => slicer.OpenSlice("beyond", 90, 20));
    }

    [TestCase(IndexStorage.Mapped)]
    [TestCase(IndexStorage.NioFs)]
    [TestCase(IndexStorage.Mmap)]
    [TestCase(IndexStorage.SimpleFs)]
    public void An_index_on_each_storage_finds_what_it_holds_after_reopening(IndexStorage storage)
    {
        var options = new CatalogIndexOptions { Storage = storage };
        var records = Enumerable.Range(0, 50).Select(i => TestRecords.Make($"r{i}", $"湖北省农业科学 第{i}辑")).ToList();
        using (var index = new CatalogIndex(_folder, options))
        {
            index.Apply([.. records.Select((r, i) => new RecordChange(i + 1, r.Id, false))], records);
        }

        using var reopened = new CatalogIndex(_folder, options);
        Assert.That(reopened.DocumentCount, Is.EqualTo(50));
        Assert.That(new SearchService(reopened).Search(new SearchRequest { Query = "农业科学" }).Total, Is.EqualTo(50));
        Assert.That(reopened.LastAppliedChangeId, Is.EqualTo(50));
    }
}
