namespace Platform.EdgeNode.ControlPlane;

/// <summary>The control plane answered 401 to the node token: the node must enrol again.</summary>
public sealed class NodeTokenRejectedException : Exception
{
    public NodeTokenRejectedException()
    {
    }

    public NodeTokenRejectedException(string message) : base(message)
    {
    }

    public NodeTokenRejectedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
