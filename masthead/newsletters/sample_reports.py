"""Bounce and complaint messages as real systems write them, for the tests and `make bench-newsletter`: a Postfix
non-delivery report (RFC 3464) and a feedback-loop complaint (ARF, RFC 5965)."""


def dsn(to, recipient, action, status, diagnostic, original_id, report_id):
    """A Postfix-style non-delivery report (multipart/report; report-type=delivery-status)."""
    return f"""Return-Path: <>
Delivered-To: {to}
Received: by mx.example.org (Postfix) id 3F2A1; Tue,  1 Dec 2026 07:00:02 +0000 (UTC)
Date: Tue,  1 Dec 2026 07:00:02 +0000 (UTC)
From: MAILER-DAEMON@mx.example.org (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: {to}
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="3F2A1.1764572402/mx.example.org"
Message-Id: <{report_id}@mx.example.org>

This is a MIME-encapsulated message.

--3F2A1.1764572402/mx.example.org
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.example.org.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<{recipient}>: host mail.example.org[192.0.2.25] said: {diagnostic}

--3F2A1.1764572402/mx.example.org
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org
X-Postfix-Queue-ID: 3F2A1
X-Postfix-Sender: rfc822; {to}
Arrival-Date: Tue,  1 Dec 2026 07:00:01 +0000 (UTC)

Final-Recipient: rfc822; {recipient}
Original-Recipient: rfc822;{recipient}
Action: {action}
Status: {status}
Remote-MTA: dns; mail.example.org
Diagnostic-Code: smtp; {diagnostic}

--3F2A1.1764572402/mx.example.org
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

From: Briefing desk <briefing@news.example>
To: {recipient}
Subject: Tuesday
Message-ID: {original_id}

--3F2A1.1764572402/mx.example.org--
""".replace("\n", "\r\n").encode()


def arf(recipient, original_id, report_id, to="abuse-reports@news.example"):
    """A feedback-loop spam complaint (RFC 5965 §3 example, addresses changed)."""
    return f"""From: <staff@mailbox-provider.example>
Date: Thu, 8 Mar 2026 14:00:00 EDT
Subject: FW: Tuesday
To: <{to}>
MIME-Version: 1.0
Message-ID: <{report_id}@mailbox-provider.example>
Content-Type: multipart/report; report-type=feedback-report;
     boundary="part1_13d.2e68ed54_boundary"

--part1_13d.2e68ed54_boundary
Content-Type: text/plain; charset="US-ASCII"
Content-Transfer-Encoding: 7bit

This is an email abuse report for an email message received from IP
192.0.2.1 on Thu, 8 Mar 2026 14:00:00 EDT.

--part1_13d.2e68ed54_boundary
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: SomeGenerator/1.0
Version: 1
Original-Mail-From: <briefing@news.example>
Original-Rcpt-To: <{recipient}>
Arrival-Date: Thu, 8 Mar 2026 14:00:00 EDT
Reporting-MTA: dns; mail.mailbox-provider.example
Source-IP: 192.0.2.1

--part1_13d.2e68ed54_boundary
Content-Type: message/rfc822
Content-Disposition: inline

From: Briefing desk <briefing@news.example>
Received: from news.example (192.0.2.1) by mailbox-provider.example
To: {recipient}
Subject: Tuesday
Message-ID: {original_id}
Date: Thu, 8 Mar 2026 13:59:00 EDT

Good morning.
--part1_13d.2e68ed54_boundary--
""".replace("\n", "\r\n").encode()
