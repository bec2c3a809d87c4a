using Search.Ingestion.Normalization;

namespace Search.Ingestion.Tests.Normalization;

public class NameListTests
{
    [TestCase("张三；李四、王五", new[] { "张三", "李四", "王五" })]
    [TestCase("张三,李四，王五", new[] { "张三", "李四", "王五" })]
    [TestCase("Smith, John", new[] { "Smith, John" })]
    [TestCase("Smith, John; Doe, Jane", new[] { "Smith, John", "Doe, Jane" })]
    [TestCase("Smith, John | Doe, Jane", new[] { "Smith, John", "Doe, Jane" })]
    [TestCase("Laurel and Hardy", new[] { "Laurel and Hardy" })]
    [TestCase("喷杆位姿；喷杆喷雾机；；位姿控制器", new[] { "喷杆位姿", "喷杆喷雾机", "位姿控制器" })]
    [TestCase("neuroimaging; Neuroimaging", new[] { "neuroimaging" })]
    [TestCase("　张三　；　李四　", new[] { "张三", "李四" })]
    public void Split_uses_chinese_and_western_separators(string input, string[] expected)
    {
        Assert.That(NameList.Split(input), Is.EqualTo(expected));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase(" ；、 ")]
    public void Split_of_nothing_is_empty(string? input)
    {
        Assert.That(NameList.Split(input), Is.Empty);
    }
}
