using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Domain.Topics;

namespace Platform.Data.Configurations;

internal sealed class TopicSchemaVersionConfiguration : IEntityTypeConfiguration<TopicSchemaVersion>
{
    public void Configure(EntityTypeBuilder<TopicSchemaVersion> builder)
    {
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => new { s.TopicId, s.Version }).IsUnique();
        builder.Property(s => s.CreatedBy).HasMaxLength(200);
    }
}
