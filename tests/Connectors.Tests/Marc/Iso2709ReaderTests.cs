using System.Text;
using System.Xml.Linq;
using Search.Connectors.Marc;

namespace Search.Connectors.Tests.Marc;

public class Iso2709ReaderTests
{
    private static readonly XNamespace Slim = "http://www.loc.gov/MARC21/slim";

    [TestCase("yaz-marc12")]
    [TestCase("yaz-marc6")]
    [TestCase("yaz-marc8")]
    [TestCase("yaz-marc9")]
    public void Marc8_decodes_to_the_same_text_as_the_UTF8_MARCXML_of_the_same_record(string name)
    {
        var entries = Iso2709Reader.ReadAll(MarcFiles.Bytes(name + ".marc")).ToList();
        Assert.That(entries, Has.Count.EqualTo(1));
        Assert.That(entries[0].Problem, Is.Null);
        var record = entries[0].Record!;

        var expected = XDocument.Load(MarcFiles.Path(name + ".xml")).Descendants(Slim + "record").Single();
        var expectedFields = expected.Elements().Where(e => e.Name.LocalName is "controlfield" or "datafield").ToList();
        Assert.That(record.Fields, Has.Count.EqualTo(expectedFields.Count));
        for (var i = 0; i < expectedFields.Count; i++)
        {
            var want = expectedFields[i];
            var got = record.Fields[i];
            Assert.That(got.Tag, Is.EqualTo((string)want.Attribute("tag")!), $"field {i}");
            if (want.Name.LocalName == "controlfield")
            {
                Assert.That(got.Value, Is.EqualTo(want.Value), $"field {i} {got.Tag}");
                continue;
            }

            var wantSubfields = want.Elements().Select(s => $"{(string)s.Attribute("code")!}{s.Value}").ToArray();
            var gotSubfields = got.Subfields.Select(s => $"{s.Code}{s.Value}").ToArray();
            Assert.That(gotSubfields, Is.EqualTo(wantSubfields), $"field {i} {got.Tag}");
        }

    }

    [Test]
    public void Marc8_EACC_gives_the_vernacular_title_in_Han_characters()
    {
        var record = Iso2709Reader.ReadAll(MarcFiles.Bytes("yaz-marc12.marc")).Single().Record!;
        var title = record.Fields.First(f => f.Tag == "880" && f.Subfields[0].Value.StartsWith("245", StringComparison.Ordinal));
        Assert.That(title.Subfields.Single(s => s.Code == 'a').Value, Is.EqualTo("车票去哪儿了 /"));
    }

    [Test]
    public void Marc8_combining_marks_follow_their_base_letter()
    {
        var entries = Iso2709Reader.ReadAll(MarcFiles.Bytes("pymarc-diacritic.dat")).ToList();
        Assert.That(entries.All(e => e.Problem is null), Is.True, string.Join("; ", entries.Select(e => e.Problem)));
        var text = string.Join(" ", entries.SelectMany(e => e.Record!.Fields).SelectMany(f => f.Subfields).Select(s => s.Value));
        // No combining mark may start a word: they come after the letter they modify.
        Assert.That(text.Split(' ').Where(w => w.Length > 0).Any(w => char.GetUnicodeCategory(w[0]) == System.Globalization.UnicodeCategory.NonSpacingMark), Is.False);
        Assert.That(text.Normalize(NormalizationForm.FormC), Does.Match("[àáâäçèéêëíîïñóôöúûüÀ-ÿ]"));
    }

    [Test]
    public void Utf8_records_are_read_by_the_leader_flag()
    {
        var entries = Iso2709Reader.ReadAll(MarcFiles.Bytes("pymarc-utf8_with_leader_flag.dat")).ToList();
        Assert.That(entries.Select(e => e.Problem), Is.All.Null);
        Assert.That(entries[0].Record!.Leader[9], Is.EqualTo('a'));
    }

    [Test]
    public void Several_good_records_are_all_read()
    {
        var entries = Iso2709Reader.ReadAll(MarcFiles.Bytes("pymarc-test.dat")).ToList();
        Assert.That(entries, Has.Count.GreaterThan(1));
        Assert.That(entries.Select(e => e.Problem), Is.All.Null);
    }

    [Test]
    public void A_leader_length_that_does_not_match_is_refused_and_the_next_record_is_still_read()
    {
        var good = MarcFiles.Bytes("yaz-marc12.marc");
        var broken = (byte[])good.Clone();
        broken[4] = (byte)'0'; // 03839 -> 03830
        var entries = Iso2709Reader.ReadAll([.. broken, .. good]).ToList();

        Assert.That(entries, Has.Count.EqualTo(2));
        Assert.That(entries[0].Problem, Does.Contain("record length of 3830"));
        Assert.That(entries[1].Problem, Is.Null);
        Assert.That(entries[1].Offset, Is.EqualTo(good.Length));
    }

    [Test]
    public void A_bad_escape_names_its_position()
    {
        var ex = Assert.Throws<MarcFormatException>(() => Marc8Decoder.Decode("ab\u001b(Zcd"u8));
        Assert.That(ex!.Message, Does.Contain("escape").And.Contain("position 2"));
    }

    [Test]
    public void Eacc_characters_decode_and_switch_back_to_ascii()
    {
        // ESC $ 1, then EACC 0x213021 (一) and 0x215A4A? use a known pair from the table: 0x213021 is U+4E00.
        var bytes = new byte[] { 0x41, 0x1B, 0x24, 0x31, 0x21, 0x30, 0x21, 0x1B, 0x28, 0x42, 0x42 };
        Assert.That(Marc8Decoder.Decode(bytes), Is.EqualTo("A一B"));
    }

    [TestCase("pymarc-bad_records.mrc")]
    [TestCase("pymarc-bad_indicator.dat")]
    [TestCase("pymarc-bad_marc8_escape.dat")]
    [TestCase("pymarc-bad_subfield_code.dat")]
    [TestCase("pymarc-bad_eacc_encoding.dat")]
    [TestCase("pymarc-utf8_invalid.mrc")]
    public void Broken_files_give_a_reason_for_each_bad_record_and_never_throw(string name)
    {
        var entries = Iso2709Reader.ReadAll(MarcFiles.Bytes(name)).ToList();
        TestContext.Out.WriteLine(string.Join("\n", entries.Select(e => $"{e.Number}: {e.Problem ?? "ok"}")));
        Assert.That(entries.Where(e => e.Problem is not null), Is.Not.Empty);
        Assert.That(entries.Where(e => e.Problem is not null).Select(e => e.Problem), Has.All.Length.GreaterThan(20));
    }

    [Test]
    public void Utf8_errors_dat_is_sound_UTF8_and_is_read_with_its_transliterated_title()
    {
        // pymarc keeps this file for its UTF-8 error handling, but its bytes are valid UTF-8 and its structure is sound (yaz agrees).
        var entries = Iso2709Reader.ReadAll(MarcFiles.Bytes("pymarc-utf8_errors.dat")).ToList();
        Assert.That(entries.Single().Problem, Is.Null);
        var title = entries[0].Record!.Fields.First(f => f.Tag == "245").Subfields[0].Value;
        Assert.That(title.Normalize(NormalizationForm.FormC), Does.Contain("Ṣanʻāʾ"));
    }
}

public class Iso2709EncodingTests
{
    [Test]
    public void A_CNMARC_record_in_GB18030_is_read_when_it_is_not_UTF8()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var gb = System.Text.Encoding.GetEncoding("GB18030");
        var bytes = Iso2709Builder.Record(
            "00000nam0 2200000   450 ",
            gb,
            ("001", "CN-GB-1"),
            ("100", "  $a20200101d2020    em y0chiy0110    ea"),
            ("200", "1 $a湿地生态系统服务评估$f诸葛思远著"),
            ("701", " 0$a诸葛思远"));

        var record = Iso2709Reader.ReadRecord(bytes);

        Assert.That(record.Fields.Single(f => f.Tag == "200").Subfields[0].Value, Is.EqualTo("湿地生态系统服务评估"));
        Assert.That(MarcSourceSettings.Default.FormatFor(record.Fields.Select(f => f.Tag)), Is.EqualTo(MarcSourceSettings.UnimarcFormat));
    }

    [Test]
    public void UTF8_without_the_leader_flag_is_recognised_and_the_encoding_setting_decides_when_given()
    {
        var bytes = Iso2709Builder.Record("00000nam  2200000 a 4500", System.Text.Encoding.UTF8, ("001", "u1"), ("245", "10$a科技文献"));

        Assert.That(Iso2709Reader.ReadRecord(bytes).Fields[1].Subfields[0].Value, Is.EqualTo("科技文献"), "valid UTF-8 without the leader flag");
        Assert.That(Iso2709Reader.ReadRecord(bytes, MarcEncoding.Utf8).Fields[1].Subfields[0].Value, Is.EqualTo("科技文献"));
        Assert.That(Iso2709Reader.ReadRecord(bytes, MarcEncoding.Marc8).Fields[1].Subfields[0].Value, Is.Not.EqualTo("科技文献"), "told MARC-8, read as MARC-8");
    }

    [Test]
    public void A_directory_that_points_outside_the_data_is_refused()
    {
        var bytes = Iso2709Builder.Record("00000nam a2200000 a 4500", System.Text.Encoding.UTF8, ("001", "u1"), ("245", "10$aTitle"));
        bytes[24 + 12 + 3] = (byte)'9'; // length of 245: 0xxx -> 9xxx

        var ex = Assert.Throws<MarcFormatException>(() => Iso2709Reader.ReadRecord(bytes));
        Assert.That(ex!.Message, Does.Contain("field 245").And.Contain("outside"));
    }

    [Test]
    public void Pymarc_utf8_without_leader_flag_reads_as_UTF8()
    {
        var withFlag = Iso2709Reader.ReadAll(MarcFiles.Bytes("pymarc-utf8_with_leader_flag.dat")).Single().Record!;
        var without = Iso2709Reader.ReadAll(MarcFiles.Bytes("pymarc-utf8_without_leader_flag.dat")).Single().Record!;
        Assert.That(without.Leader[9], Is.EqualTo(' '));
        Assert.That(
            without.Fields.SelectMany(f => f.Subfields).Select(s => s.Value),
            Is.EqualTo(withFlag.Fields.SelectMany(f => f.Subfields).Select(s => s.Value)));
    }
}
