using System.Net;
using Platform.Contracts.Services;
using Platform.Portal.Components.Pages.Services;
using Platform.Portal.Tests.Support;

namespace Platform.Portal.Tests.Services;

public sealed class QuotaPanelTests : PortalTestContext
{
    private const string Quotas = "GET /api/v1/services/hello-api/quotas";
    private const string Put = "PUT /api/v1/services/hello-api/quotas";

    [Fact]
    public void Save_Override_SendsPutAndShowsTheQuotasNowInForce()
    {
        Api.On(Quotas, new ServiceQuotasDto(67108864, 3, 32, null, null, null));
        Api.On(Put, new ServiceQuotasDto(67108864, 1, 32, null, 1, null));
        var cut = Render<QuotaPanel>(p => p.Add(c => c.Service, "hello-api"));
        cut.WaitForAssertion(() => Assert.Contains("key-value 64 MiB per node", cut.Find("[data-testid=quota-effective]").TextContent));

        cut.Find("[data-testid=quota-queued-builds]").Change("1");
        cut.Find("[data-testid=quota-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("1 queued builds", cut.Find("[data-testid=quota-effective]").TextContent));
        Assert.Equal("""{"keyValueBytes":null,"queuedBuilds":1,"maxInstances":null}""", Assert.Single(Api.SentTo(Put)).Body);
    }

    [Fact]
    public void Save_OutOfRange_ShowsTheApisMessageAtTheField()
    {
        Api.On(Quotas, new ServiceQuotasDto(67108864, 3, 32, null, null, null));
        Api.OnProblem(Put, HttpStatusCode.BadRequest, "The quotas are out of range.", null,
            new Dictionary<string, string[]> { ["maxInstances"] = ["The instance cap must be between 1 and 1024."] });
        var cut = Render<QuotaPanel>(p => p.Add(c => c.Service, "hello-api"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=quota-max-instances]"));

        cut.Find("[data-testid=quota-max-instances]").Change("5000");
        cut.Find("[data-testid=quota-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("The instance cap must be between 1 and 1024.", cut.Find("[data-testid=quota-panel]").TextContent));
        Assert.Contains("see the marked fields", cut.Find("[data-testid=error-alert]").TextContent);
    }
}
