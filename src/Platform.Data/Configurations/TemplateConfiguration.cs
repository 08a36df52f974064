using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Domain.Templates;

namespace Platform.Data.Configurations;

internal sealed class TemplateConfiguration : IEntityTypeConfiguration<Template>
{
    public void Configure(EntityTypeBuilder<Template> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(40);
        builder.HasIndex(t => t.Name).IsUnique();
        builder.Property(t => t.Title).HasMaxLength(200);
        builder.Property(t => t.Language).HasMaxLength(40);
        builder.HasOne(t => t.OwnerTeam).WithMany().HasForeignKey(t => t.OwnerTeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(t => t.Versions).WithOne(v => v.Template).HasForeignKey(v => v.TemplateId);
    }
}
