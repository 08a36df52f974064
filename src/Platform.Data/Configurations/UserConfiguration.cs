using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Domain.Identity;

namespace Platform.Data.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.HasKey(u => u.Id);
        builder.Property(u => u.UserName).HasMaxLength(64);
        builder.HasIndex(u => u.UserName).IsUnique();
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.Property(u => u.Email).HasMaxLength(320);
        builder.Property(u => u.ExternalIssuer).HasMaxLength(500);
        builder.Property(u => u.ExternalSubject).HasMaxLength(255);
        builder.HasIndex(u => new { u.ExternalIssuer, u.ExternalSubject }).IsUnique().HasFilter("external_subject IS NOT NULL");
        builder.HasMany(u => u.Memberships).WithOne(m => m.User).HasForeignKey(m => m.UserId);
    }
}
