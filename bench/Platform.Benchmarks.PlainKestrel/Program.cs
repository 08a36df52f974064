// The baseline of the HTTP benchmark: plain Kestrel answering what each benchmarked service answers, on the same
// machine in the same run as the edge node. /bench-json/ answers what the http-json-c template service (rendered as
// bench-json with its default greeting) answers on its root route; anything else what the hello component answers
// ("hello from <path>", text/plain).
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/bench-json/", (HttpContext context) =>
{
    context.Response.Headers["x-request-id"] = Guid.NewGuid().ToString("N");
    return Results.Text("{\"service\":\"bench-json\",\"message\":\"Hello from the edge\"}", "application/json");
});
app.MapGet("/{**path}", (HttpContext context) =>
{
    context.Response.Headers["x-request-id"] = Guid.NewGuid().ToString("N");
    return Results.Text("hello from " + context.Request.Path, "text/plain");
});
app.Run();
