using MediaFunctions.Core.Productions;

namespace MediaFunctions.Core.Tests.Productions;

public sealed class AuphonicUuidTests
{
    [Fact]
    public void New_Always_Is22AsciiLettersOrDigitsAndUnique()
    {
        var ids = Enumerable.Range(0, 2000).Select(_ => AuphonicUuid.New()).ToList();

        Assert.All(ids, id => Assert.Matches("^[a-zA-Z0-9]{22}$", id));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        // Every character of the alphabet turns up: the ids are drawn from all 62, not a subset.
        Assert.Equal(AuphonicUuid.Alphabet.Length, ids.SelectMany(id => id).Distinct().Count());
    }

    [Theory]
    [InlineData("ceigtvDv8jH6NaK52Z5eXH", true)]
    [InlineData("KKw7AxpLrDBQKLVnQCBtCh", true)]
    [InlineData("ceigtvDv8jH6NaK52Z5eX", false)]
    [InlineData("ceigtvDv8jH6NaK52Z5eXHH", false)]
    [InlineData("ceigtvDv8jH6NaK52Z5e-H", false)]
    [InlineData("ceigtvDv8jH6NaK52Z5eäH", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValid_Shape_TrueOnlyFor22LettersOrDigits(string? value, bool valid) => Assert.Equal(valid, AuphonicUuid.IsValid(value));
}
