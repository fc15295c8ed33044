"""Who may change what: the one rule behind the admin's Editor/Publisher boundary.

Editors write drafts. Publishing, unpublishing and scheduling — and so any change
to an event that is published or scheduled, which would go live with it — need
the `events.publish_event` permission, which only the Publisher group has.
"""

PUBLISH_PERMISSION = "events.publish_event"


def can_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


def can_edit_event(user, event):
    """Whether `user` may change `event` and its parts (sessions, quotes, visits, links…).

    Anyone with the change permission may edit a draft; only publishers may
    edit an event that is published or scheduled. `event` None means a new one.
    """
    if event is None or event.status == event.Status.DRAFT:
        return True
    return can_publish(user)
