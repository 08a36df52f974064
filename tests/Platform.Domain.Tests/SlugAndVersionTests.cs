using Platform.Domain;

namespace Platform.Domain.Tests;

public sealed class SlugAndVersionTests
{
    [Theory]
    [InlineData("hello-api", true)]
    [InlineData("a1", true)]
    [InlineData("Hello", false)]
    [InlineData("-hello", false)]
    [InlineData("hello-", false)]
    [InlineData("hello--api", false)]
    [InlineData("1hello", false)]
    [InlineData("h", false)]
    [InlineData("hello_api", false)]
    [InlineData("a23456789012345678901234567890123456789x", true)]
    [InlineData("a234567890123456789012345678901234567890x", false)]
    public void IsValid_Name_MatchesDnsLabelRules(string name, bool valid) => Assert.Equal(valid, Slug.IsValid(name));

    [Theory]
    [InlineData(new string[0], "0.1.0")]
    [InlineData(new[] { "0.1.0" }, "0.1.1")]
    [InlineData(new[] { "0.1.0", "1.2.3", "0.9.9" }, "1.2.4")]
    [InlineData(new[] { "1.0.0-beta.1", "0.3.0" }, "1.0.1")]
    [InlineData(new[] { "not-a-version", "0.2.0" }, "0.2.1")]
    public void NextPatch_Existing_BumpsHighestPatch(string[] existing, string expected) => Assert.Equal(expected, Versions.NextPatch(existing));

    [Theory]
    [InlineData("1.2.3", true)]
    [InlineData("1.2.3-rc.1+build.5", true)]
    [InlineData("1.2", false)]
    [InlineData("v1.2.3", false)]
    [InlineData("01.2.3", false)]
    public void TryParse_Text_IsStrictSemVer(string text, bool valid) => Assert.Equal(valid, Versions.TryParse(text, out _));

    [Theory]
    [InlineData("/hello", true)]
    [InlineData("/shop/cart", true)]
    [InlineData("/", false)]
    [InlineData("hello", false)]
    [InlineData("/Hello", false)]
    [InlineData("/hello/", false)]
    public void Routes_IsValid_Prefixes(string route, bool valid) => Assert.Equal(valid, Routes.IsValid(route));

    [Fact]
    public void Digest_Of_IsSha256WithPrefix()
    {
        Assert.Equal("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Digest.Of("abc"u8));
        Assert.True(Digest.IsValid(Digest.Of([1, 2, 3])));
        Assert.False(Digest.IsValid("sha256:ABC"));
    }
}
