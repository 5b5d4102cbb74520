using System.Text.Json.Nodes;
using MediaFunctions.Core.Productions;

namespace MediaFunctions.Core.Tests.Productions;

public sealed class AlgorithmFieldsTests
{
    [Theory]
    [InlineData("loudnesstarget", "-23", "-23")]
    [InlineData("denoiseamount", "12.5", "12.5")]
    [InlineData("leveler", "false", "false")]
    [InlineData("filtering", "True", "true")]
    [InlineData("dehum", "50", "\"50\"")]
    [InlineData("loudnesstarget", "loud", "\"loud\"")]
    [InlineData("leveler", "maybe", "\"maybe\"")]
    [InlineData("levelr", "true", "\"true\"")]
    public void FromFormText_FieldAndText_TheJsonApisValueOrTheTextForValidateToName(string name, string text, string json)
    {
        Assert.Equal(json, AlgorithmFields.FromFormText(name, text).ToJsonString());
    }

    [Fact]
    public void FromFormText_BadNumber_StillNamedByValidate()
    {
        var errors = AlgorithmFields.Validate(new JsonObject { ["loudnesstarget"] = AlgorithmFields.FromFormText("loudnesstarget", "loud") });

        Assert.Equal("loudnesstarget", Assert.Single(errors).Field);
    }
}
