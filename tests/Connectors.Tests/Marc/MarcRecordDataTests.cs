using Search.Connectors.Marc;

namespace Search.Connectors.Tests.Marc;

/// <summary>The one MARC model: what the ISO 2709 reader gives is what the mappers read, 880 pairing included.</summary>
public class MarcRecordDataTests
{
    private static MarcFieldData Data(string tag, params (char Code, string Value)[] subfields) =>
        new(tag, null, '1', '0', subfields.Select(s => new MarcSubfieldData(s.Code, s.Value)).ToList());

    private static readonly MarcRecordData Record = new("00000nam a2200000 a 4500",
    [
        MarcFieldData.Control("001", "x1"),
        Data("245", ('6', "880-01"), ('a', "Ji yu chao sheng bo /")),
        Data("880", ('6', "245-01/$1"), ('a', "基于超声波 /")),
        Data("880", ('6', "500-00/$1"), ('a', "附注")),
    ]);

    [Test]
    public void A_field_finds_its_vernacular_880_by_occurrence()
    {
        var title = Record.Tagged("245").Single();
        Assert.Multiple(() =>
        {
            Assert.That(Record.VernacularOf(title)?.First('a'), Is.EqualTo("基于超声波 /"));
            Assert.That(Record.UnlinkedVernacular("500").Single().First('a'), Is.EqualTo("附注"));
            Assert.That(Record.ControlValue("001"), Is.EqualTo("x1"));
            Assert.That(Record.DataFields.Count(), Is.EqualTo(3));
            Assert.That((Record.TypeOfRecord, Record.BibliographicLevel), Is.EqualTo(('a', 'm')));
        });
    }
}
