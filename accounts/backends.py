from axes.backends import AxesBackend


class ThrottledModelBackend(AxesBackend):
    """django-axes' lockout check in front of the usual username/password backend.

    Logins through a web form always carry the request, and those are throttled. `authenticate()` without a
    request (the shell, `Client.login` in tests) has no address to throttle by: it is passed on to the next
    backend instead of raising, as AxesBackend would.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
