using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Domain.Topics;

namespace Platform.Data.Configurations;

internal sealed class TopicConfiguration : IEntityTypeConfiguration<Topic>
{
    public void Configure(EntityTypeBuilder<Topic> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(40);
        builder.HasIndex(t => t.Name).IsUnique();
        builder.Property(t => t.Description).HasMaxLength(1000);
        builder.Property(t => t.CreatedBy).HasMaxLength(200);
        builder.Property(t => t.Publishers).HasJsonConversion();
        builder.Property(t => t.Subscribers).HasJsonConversion();
        builder.Property(t => t.RowVersion).IsRowVersion();
        builder.HasOne(t => t.OwnerTeam).WithMany().HasForeignKey(t => t.OwnerTeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(t => t.Schemas).WithOne().HasForeignKey(s => s.TopicId).OnDelete(DeleteBehavior.Cascade);
    }
}
