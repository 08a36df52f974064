using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Domain.Services;

namespace Platform.Data.Configurations;

internal sealed class SourceRevisionConfiguration : IEntityTypeConfiguration<SourceRevision>
{
    public void Configure(EntityTypeBuilder<SourceRevision> builder)
    {
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => new { r.ServiceId, r.Number }).IsUnique();
        builder.Property(r => r.Digest).HasMaxLength(71);
        builder.Property(r => r.CommitSha).HasMaxLength(64);
        // The same commit is never recorded twice (a push and the reconciler may both see it).
        builder.HasIndex(r => new { r.ServiceId, r.CommitSha }).IsUnique();
        builder.Property(r => r.Author).HasMaxLength(200);
        builder.Property(r => r.Files).HasJsonConversion();
        builder.HasOne<Service>().WithMany().HasForeignKey(r => r.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
