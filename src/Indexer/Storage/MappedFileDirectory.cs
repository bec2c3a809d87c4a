using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using Lucene.Net.Store;

namespace Search.Indexer.Storage;

/// <summary>
/// An index folder read through memory-mapped files, each file mapped once and read through its raw address.
/// Lucene.Net 4.8.0-beta00017's own <see cref="MMapDirectory"/> registers every clone of an input in a weak map
/// and goes through a byte-buffer layer on each read; a query clones an input for every term it looks up in
/// every segment, so that cost grows with the query and the segment count (Lucene.Net issue 1151). Here a
/// clone is a position over the same mapping. Writing is <see cref="FSDirectory"/>'s.
/// </summary>
/// <remarks>
/// As with Lucene's memory-mapped directory, an input (and its clones and slices) must not be read after the
/// input it was opened as is disposed: readers keep their files open while a searcher holds them, which the
/// searcher manager guarantees.
/// </remarks>
public sealed class MappedFileDirectory : FSDirectory
{
    public MappedFileDirectory(DirectoryInfo path)
        : base(path, null)
    {
    }

    public override IndexInput OpenInput(string name, IOContext context)
    {
        EnsureOpen();
        var mapping = FileMapping.Open(Path.Combine(Directory.FullName, name));
        return new MappedInput($"MappedInput(\"{name}\")", mapping, 0, mapping.Length, owner: true);
    }

    public override IndexInputSlicer CreateSlicer(string name, IOContext context)
    {
        EnsureOpen();
        return new Slicer(name, FileMapping.Open(Path.Combine(Directory.FullName, name)));
    }

    private sealed class Slicer(string name, FileMapping mapping) : IndexInputSlicer
    {
        public override IndexInput OpenSlice(string sliceDescription, long offset, long length)
        {
            if (offset < 0 || length < 0 || offset + length > mapping.Length)
            {
                throw new ArgumentException($"Slice {sliceDescription} [{offset}, {offset + length}) lies outside {name} ({mapping.Length} bytes).");
            }

            return new MappedInput($"MappedInput(\"{name}\" slice {sliceDescription})", mapping, offset, length, owner: false);
        }

        [Obsolete("Only for reading compound files of Lucene 3.x indexes.")]
        public override IndexInput OpenFullSlice() => OpenSlice("full", 0, mapping.Length);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                mapping.Dispose();
            }
        }
    }
}

/// <summary>A read-only mapping of one whole file and its base address.</summary>
internal sealed unsafe class FileMapping : IDisposable
{
    private readonly MemoryMappedFile? _file;
    private readonly MemoryMappedViewAccessor? _view;
    private int _disposed;

    private FileMapping(MemoryMappedFile? file, MemoryMappedViewAccessor? view, byte* start, long length)
    {
        _file = file;
        _view = view;
        Start = start;
        Length = length;
    }

    ~FileMapping() => Release();

    public byte* Start { get; }

    public long Length { get; }

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public static FileMapping Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        MemoryMappedFile? file = null;
        try
        {
            var length = stream.Length;
            if (length == 0)
            {
                // An empty file cannot be mapped, and has nothing to read.
                stream.Dispose();
                return new FileMapping(null, null, null, 0);
            }

            file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            var view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            byte* start = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
            return new FileMapping(file, view, start + view.PointerOffset, length);
        }
        catch
        {
            file?.Dispose();
            stream.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    private void Release()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || _view is null)
        {
            return;
        }

        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file?.Dispose();
    }
}

/// <summary>A window [offset, offset + length) of a mapped file with its own read position.</summary>
internal sealed unsafe class MappedInput : IndexInput
{
    private readonly FileMapping _mapping;
    private readonly byte* _start;
    private readonly long _length;
    private readonly bool _owner;
    private long _position;

    public MappedInput(string description, FileMapping mapping, long offset, long length, bool owner)
        : base(description)
    {
        _mapping = mapping;
        _start = mapping.Start + offset;
        _length = length;
        _owner = owner;
    }

    private MappedInput(MappedInput other)
        : base(other.ToString())
    {
        _mapping = other._mapping;
        _start = other._start;
        _length = other._length;
        _position = other._position;
        _owner = false;
    }

    public override long Length => _length;

    public override long Position => _position;

    public override void Seek(long pos)
    {
        if (pos < 0 || pos > _length)
        {
            throw new EndOfStreamException($"Seek to {pos} outside {this} ({_length} bytes).");
        }

        _position = pos;
    }

    public override byte ReadByte()
    {
        if (_position >= _length)
        {
            throw new EndOfStreamException($"Read past the end of {this}.");
        }

        return _start[_position++];
    }

    public override void ReadBytes(byte[] b, int offset, int len)
    {
        ArgumentNullException.ThrowIfNull(b);
        Take(len).CopyTo(b.AsSpan(offset, len));
    }

    public override short ReadInt16() => BinaryPrimitives.ReadInt16BigEndian(Take(sizeof(short)));

    public override int ReadInt32() => BinaryPrimitives.ReadInt32BigEndian(Take(sizeof(int)));

    public override long ReadInt64() => BinaryPrimitives.ReadInt64BigEndian(Take(sizeof(long)));

    public override object Clone() => new MappedInput(this);

    protected override void Dispose(bool disposing)
    {
        if (_owner)
        {
            _mapping.Dispose();
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > _length - _position)
        {
            throw new EndOfStreamException($"Read of {count} bytes past the end of {this}.");
        }

        var span = new ReadOnlySpan<byte>(_start + _position, count);
        _position += count;
        return span;
    }
}
