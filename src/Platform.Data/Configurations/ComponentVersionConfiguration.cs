using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Domain.Builds;
using Platform.Domain.Registry;
using Platform.Domain.Services;
using Platform.Domain.Templates;

namespace Platform.Data.Configurations;

internal sealed class ComponentVersionConfiguration : IEntityTypeConfiguration<ComponentVersion>
{
    public void Configure(EntityTypeBuilder<ComponentVersion> builder)
    {
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Version).HasMaxLength(64);
        builder.HasIndex(v => new { v.ServiceId, v.Version }).IsUnique();
        builder.Property(v => v.Digest).HasMaxLength(71);
        builder.HasIndex(v => v.Digest);
        builder.Property(v => v.Executor).HasMaxLength(20);
        builder.Property(v => v.Variables).HasJsonConversion();
        builder.Property(v => v.Triggers).HasJsonConversion();
        builder.Property(v => v.SourceRevisionDigest).HasMaxLength(71);
        builder.Property(v => v.PublishedBy).HasMaxLength(200);
        builder.HasOne<Service>().WithMany().HasForeignKey(v => v.ServiceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Blob>().WithMany().HasForeignKey(v => v.Digest).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Build>().WithMany().HasForeignKey(v => v.BuildId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<TemplateVersion>().WithMany().HasForeignKey(v => v.TemplateVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}
