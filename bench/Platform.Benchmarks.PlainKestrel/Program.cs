// The baseline of the HTTP benchmark: plain Kestrel answering what the hello component answers
// ("hello from <path>", text/plain), on the same machine in the same run as the edge node.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/{**path}", (HttpContext context) =>
{
    context.Response.Headers["x-request-id"] = Guid.NewGuid().ToString("N");
    return Results.Text("hello from " + context.Request.Path, "text/plain");
});
app.Run();
